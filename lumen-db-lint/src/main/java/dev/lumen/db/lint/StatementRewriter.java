package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Prepares a statement for jOOQ's parser. jOOQ's open-source parser rejects some PostgreSQL syntax that migrations
 * need, so this class works on the statement's tokens (never inside strings or comments) and:
 *
 * <ul>
 *   <li>lifts {@code CONCURRENTLY} out of {@code CREATE INDEX} and {@code DROP INDEX}, {@code NOT VALID} out of
 *       {@code ADD CONSTRAINT}, and {@code LOCAL} out of {@code SET LOCAL}, recording each as a {@link Clause};</li>
 *   <li>blanks clauses that no rule looks at: operator classes, {@code ON ONLY}, {@code WITH (...)},
 *       {@code TABLESPACE} and {@code NULLS [NOT] DISTINCT} of {@code CREATE INDEX}, {@code USING} of
 *       {@code ALTER COLUMN ... TYPE}, the {@code *} after an {@code ALTER TABLE} target; and writes
 *       {@code SET name TO value} as {@code SET name = value};</li>
 *   <li>splits a multi-action {@code ALTER TABLE} and a multi-table {@code DROP TABLE} or {@code DROP INDEX} into
 *       one unit per action or name, which jOOQ parses (and the rules judge) one at a time.</li>
 * </ul>
 *
 * <p>Blanked text becomes spaces (line breaks stay), so the parser's positions still match the source.
 */
final class StatementRewriter {

    private StatementRewriter() {
    }

    /**
     * The parse units of a statement.
     *
     * @param statement the statement
     * @return one unit, or one per action or dropped name
     */
    static List<ParseUnit> units(SqlStatement statement) {
        List<Token> t = statement.tokens();
        if (t.getFirst().is("CREATE") && (at(t, 1, "INDEX") || (at(t, 1, "UNIQUE") && at(t, 2, "INDEX")))) {
            return List.of(createIndex(statement));
        }
        if (t.getFirst().is("DROP") && (at(t, 1, "INDEX") || at(t, 1, "TABLE"))) {
            return dropList(statement);
        }
        if (t.getFirst().is("ALTER") && at(t, 1, "TABLE")) {
            return alterTable(statement);
        }
        if (t.getFirst().is("SET")) {
            return List.of(set(statement));
        }
        return List.of(new ParseUnit(statement.text(), statement.kind(), Set.of()));
    }

    private static ParseUnit createIndex(SqlStatement statement) {
        List<Token> t = statement.tokens();
        Mask mask = new Mask(statement);
        Set<Clause> clauses = EnumSet.noneOf(Clause.class);
        int i = t.get(1).is("UNIQUE") ? 3 : 2;
        if (at(t, i, "CONCURRENTLY")) {
            mask.blank(t.get(i));
            clauses.add(Clause.CONCURRENTLY);
        }
        int on = indexOfTopLevel(t, i, "ON");
        if (on < 0) {
            return mask.unit(statement.kind(), clauses);
        }
        if (at(t, on + 1, "ONLY")) {
            mask.blank(t.get(on + 1));
        }
        int open = indexOfSymbol(t, on + 1, "(");
        if (open < 0) {
            return mask.unit(statement.kind(), clauses);
        }
        int close = matching(t, open);
        for (int[] element : topLevelRanges(t, open + 1, close)) {
            blankOperatorClass(t, element[0], element[1], mask);
        }
        for (int k = close + 1; k < t.size() && !t.get(k).is("WHERE"); k++) {
            if (t.get(k).is("WITH") && k + 1 < t.size() && t.get(k + 1).isSymbol("(")) {
                int end = matching(t, k + 1);
                mask.blank(t.get(k), t.get(end));
                k = end;
            } else if (t.get(k).is("TABLESPACE") && k + 1 < t.size()) {
                mask.blank(t.get(k), t.get(k + 1));
                k++;
            } else if (t.get(k).is("NULLS") && at(t, k + 1, "DISTINCT")) {
                mask.blank(t.get(k), t.get(k + 1));
                k++;
            } else if (t.get(k).is("NULLS") && at(t, k + 1, "NOT") && at(t, k + 2, "DISTINCT")) {
                mask.blank(t.get(k), t.get(k + 2));
                k += 2;
            }
        }
        return mask.unit(statement.kind(), clauses);
    }

    /**
     * Blanks the operator class of one index element: {@code expression [COLLATE c] [opclass [(params)]]
     * [ASC | DESC] [NULLS FIRST | LAST]}.
     */
    private static void blankOperatorClass(List<Token> t, int from, int to, Mask mask) {
        int k = from;
        if (k >= to) {
            return;
        }
        if (t.get(k).isSymbol("(")) {
            k = matching(t, k) + 1;
        } else {
            k = skipQualifiedName(t, k, to);
            if (k < to && t.get(k).isSymbol("(")) {
                k = matching(t, k) + 1;
            }
        }
        if (k < to && t.get(k).is("COLLATE")) {
            k = skipQualifiedName(t, k + 1, to);
        }
        if (k < to && t.get(k).isIdentifier() && !t.get(k).is("ASC") && !t.get(k).is("DESC")
                && !t.get(k).is("NULLS")) {
            int end = skipQualifiedName(t, k, to);
            if (end < to && t.get(end).isSymbol("(")) {
                end = matching(t, end) + 1;
            }
            mask.blank(t.get(k), t.get(end - 1));
        }
    }

    private static List<ParseUnit> dropList(SqlStatement statement) {
        List<Token> t = statement.tokens();
        Mask base = new Mask(statement);
        Set<Clause> clauses = EnumSet.noneOf(Clause.class);
        int i = 2;
        if (at(t, i, "CONCURRENTLY")) {
            base.blank(t.get(i));
            clauses.add(Clause.CONCURRENTLY);
            i++;
        }
        if (at(t, i, "IF") && at(t, i + 1, "EXISTS")) {
            i += 2;
        }
        int end = t.size();
        if (t.getLast().is("CASCADE") || t.getLast().is("RESTRICT")) {
            end--;
        }
        List<int[]> names = topLevelRanges(t, i, end);
        if (names.size() <= 1) {
            return List.of(base.unit(statement.kind(), clauses));
        }
        List<ParseUnit> units = new ArrayList<>();
        for (int n = 0; n < names.size(); n++) {
            Mask mask = base.copy();
            blankAllBut(t, names, n, mask);
            units.add(mask.unit(statement.kind(), clauses));
        }
        return units;
    }

    private static List<ParseUnit> alterTable(SqlStatement statement) {
        List<Token> t = statement.tokens();
        Mask base = new Mask(statement);
        int i = 2;
        if (at(t, i, "IF") && at(t, i + 1, "EXISTS")) {
            i += 2;
        }
        if (at(t, i, "ONLY")) {
            i++;
        }
        i = skipQualifiedName(t, i, t.size());
        if (i < t.size() && t.get(i).isSymbol("*")) {
            base.blank(t.get(i));
            i++;
        }
        List<int[]> actions = topLevelRanges(t, i, t.size());
        if (actions.isEmpty()) {
            return List.of(base.unit(statement.kind(), Set.of()));
        }
        List<ParseUnit> units = new ArrayList<>();
        for (int n = 0; n < actions.size(); n++) {
            Mask mask = base.copy();
            blankAllBut(t, actions, n, mask);
            int from = actions.get(n)[0];
            int to = actions.get(n)[1];
            Set<Clause> clauses = EnumSet.noneOf(Clause.class);
            if (to - from >= 2 && t.get(to - 2).is("NOT") && t.get(to - 1).is("VALID")) {
                mask.blank(t.get(to - 2), t.get(to - 1));
                clauses.add(Clause.NOT_VALID);
            }
            if (t.get(from).is("ALTER")) {
                int using = indexOfTopLevel(t, from, "USING");
                if (using >= 0 && using < to) {
                    mask.blank(t.get(using), t.get(to - 1));
                }
            }
            units.add(mask.unit(actionLabel(t, from, to), clauses));
        }
        return units;
    }

    private static String actionLabel(List<Token> t, int from, int to) {
        StringBuilder label = new StringBuilder("ALTER TABLE ").append(t.get(from).upper());
        if (from + 1 < to && (t.get(from + 1).is("COLUMN") || t.get(from + 1).is("CONSTRAINT"))) {
            label.append(' ').append(t.get(from + 1).upper());
        }
        return label.toString();
    }

    private static ParseUnit set(SqlStatement statement) {
        List<Token> t = statement.tokens();
        Mask mask = new Mask(statement);
        Set<Clause> clauses = EnumSet.noneOf(Clause.class);
        int i = 1;
        if (at(t, i, "LOCAL") || at(t, i, "SESSION")) {
            if (t.get(i).is("LOCAL")) {
                clauses.add(Clause.LOCAL);
            }
            mask.blank(t.get(i));
            i++;
        }
        int name = skipQualifiedName(t, i, t.size());
        if (name < t.size() && t.get(name).is("TO")) {
            mask.replace(t.get(name), "=");
        }
        return mask.unit(statement.kind(), clauses);
    }

    private static void blankAllBut(List<Token> t, List<int[]> ranges, int keep, Mask mask) {
        for (int r = 0; r < ranges.size(); r++) {
            int[] range = ranges.get(r);
            if (r != keep && range[1] > range[0]) {
                mask.blank(t.get(range[0]), t.get(range[1] - 1));
            }
            // The comma after this range, if any, always goes.
            if (range[1] < t.size() && t.get(range[1]).isSymbol(",")) {
                mask.blank(t.get(range[1]));
            }
        }
    }

    /** Half-open token ranges {@code [from, to)} between commas that are not inside parentheses or brackets. */
    private static List<int[]> topLevelRanges(List<Token> t, int from, int to) {
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int k = from; k < to; k++) {
            Token token = t.get(k);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth = Math.max(0, depth - 1);
            } else if (token.isSymbol(",") && depth == 0) {
                ranges.add(new int[] {start, k});
                start = k + 1;
            }
        }
        if (start < to) {
            ranges.add(new int[] {start, to});
        }
        return ranges;
    }

    private static int indexOfTopLevel(List<Token> t, int from, String keyword) {
        int depth = 0;
        for (int k = from; k < t.size(); k++) {
            Token token = t.get(k);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && token.is(keyword)) {
                return k;
            }
        }
        return -1;
    }

    private static int indexOfSymbol(List<Token> t, int from, String symbol) {
        for (int k = from; k < t.size(); k++) {
            if (t.get(k).isSymbol(symbol)) {
                return k;
            }
        }
        return -1;
    }

    /** Index of the parenthesis or bracket closing the one at {@code open}, or the last token when unbalanced. */
    private static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            Token token = t.get(k);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return t.size() - 1;
    }

    /** Index after {@code name [. name]*} starting at {@code from}. */
    private static int skipQualifiedName(List<Token> t, int from, int to) {
        int k = from;
        if (k < to && t.get(k).isIdentifier()) {
            k++;
            while (k + 1 < to && t.get(k).isSymbol(".") && t.get(k + 1).isIdentifier()) {
                k += 2;
            }
        }
        return k;
    }

    private static boolean at(List<Token> t, int index, String keyword) {
        return index < t.size() && t.get(index).is(keyword);
    }

    /** A copy of a statement's text in which tokens can be blanked or replaced without moving anything. */
    private static final class Mask {
        private final SqlStatement statement;
        private final char[] chars;

        Mask(SqlStatement statement) {
            this(statement, statement.text().toCharArray());
        }

        private Mask(SqlStatement statement, char[] chars) {
            this.statement = statement;
            this.chars = chars;
        }

        Mask copy() {
            return new Mask(statement, chars.clone());
        }

        void blank(Token token) {
            blank(token, token);
        }

        void blank(Token first, Token last) {
            for (int k = first.start(); k < last.end(); k++) {
                int at = k - statement.start();
                if (chars[at] != '\n' && chars[at] != '\r') {
                    chars[at] = ' ';
                }
            }
        }

        void replace(Token token, String replacement) {
            blank(token);
            replacement.getChars(0, Math.min(replacement.length(), token.text().length()), chars,
                    token.start() - statement.start());
        }

        ParseUnit unit(String label, Set<Clause> clauses) {
            return new ParseUnit(new String(chars), label, clauses);
        }
    }
}
