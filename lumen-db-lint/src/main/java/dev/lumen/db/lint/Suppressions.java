package dev.lumen.db.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppression comments of one file.
 *
 * <ul>
 *   <li>{@code -- lumen-lint:disable LDB001 <reason>} suppresses the named rules for the statement that contains
 *       the comment or, more usually, the first statement after it;</li>
 *   <li>{@code -- lumen-lint:disable-file LDB008 <reason>} anywhere suppresses them for the whole file.</li>
 * </ul>
 *
 * <p>Several rules may be named, separated by commas; block comments work too. A directive without a reason
 * still suppresses, but is itself reported as {@link Rule#LDB000}, as is a directive naming no rule, an unknown
 * rule or {@code LDB000}. A directive that suppresses nothing becomes a warning.
 */
final class Suppressions {

    private static final String PREFIX = "lumen-lint:";
    private static final Pattern RULES_AND_REASON =
            Pattern.compile("((?:[A-Za-z]+\\d+)(?:\\s*,\\s*[A-Za-z]+\\d+)*)(.*)", Pattern.DOTALL);
    private static final Pattern REASON_LEAD = Pattern.compile("^[\\s:\\-\u2013\u2014]+");
    private static final String UNUSED_WHY =
            "A suppression that suppresses nothing hides a real problem once the statement changes.";
    private static final String UNUSED_FIX = "Remove the suppression comment, or move it right above the statement.";

    /** One parsed directive. */
    private static final class Directive {
        final boolean fileWide;
        final Set<Rule> rules;
        final int line;
        final int statement;
        final Set<Rule> used = EnumSet.noneOf(Rule.class);

        Directive(boolean fileWide, Set<Rule> rules, int line, int statement) {
            this.fileWide = fileWide;
            this.rules = rules;
            this.line = line;
            this.statement = statement;
        }
    }

    private final List<Directive> directives = new ArrayList<>();
    private final List<Finding> problems = new ArrayList<>();
    private final List<Integer> danglingLines = new ArrayList<>();

    private Suppressions() {
    }

    /**
     * Reads the directives of a file.
     *
     * @param comments   the file's comments
     * @param statements the file's statements
     * @return the directives, with problems found in them
     */
    static Suppressions parse(List<SqlComment> comments, List<SqlStatement> statements) {
        Suppressions suppressions = new Suppressions();
        for (SqlComment comment : comments) {
            suppressions.read(comment, statements);
        }
        return suppressions;
    }

    private void read(SqlComment comment, List<SqlStatement> statements) {
        String body = comment.body().strip();
        if (!body.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return;
        }
        String rest = body.substring(PREFIX.length());
        int space = indexOfWhitespace(rest);
        String verb = rest.substring(0, space).toLowerCase(Locale.ROOT);
        String arguments = rest.substring(space).strip();
        boolean fileWide;
        if (verb.equals("disable")) {
            fileWide = false;
        } else if (verb.equals("disable-file")) {
            fileWide = true;
        } else {
            problem(comment, "unknown directive lumen-lint:" + verb + "; write lumen-lint:disable or"
                    + " lumen-lint:disable-file");
            return;
        }
        Matcher matcher = RULES_AND_REASON.matcher(arguments);
        if (!matcher.matches()) {
            problem(comment, "lumen-lint:" + verb + " names no rule; write lumen-lint:" + verb + " LDB0xx <reason>");
            return;
        }
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        for (String id : matcher.group(1).split(",")) {
            Optional<Rule> rule = Rule.byId(id);
            if (rule.isEmpty()) {
                problem(comment, "lumen-lint:" + verb + " names unknown rule " + id.strip());
            } else if (!rule.get().suppressible()) {
                problem(comment, "lumen-lint:" + verb + " cannot suppress " + rule.get().id());
            } else {
                rules.add(rule.get());
            }
        }
        String reason = REASON_LEAD.matcher(matcher.group(2)).replaceFirst("").strip();
        if (reason.isEmpty()) {
            problem(comment, "lumen-lint:" + verb + " " + ids(rules) + " gives no reason; say why the change is safe");
        }
        if (rules.isEmpty()) {
            return;
        }
        if (fileWide) {
            directives.add(new Directive(true, rules, comment.line(), Finding.FILE));
            return;
        }
        Optional<SqlStatement> target = statements.stream().filter(s -> s.end() > comment.start()).findFirst();
        if (target.isEmpty()) {
            danglingLines.add(comment.line());
        } else {
            directives.add(new Directive(false, rules, comment.line(), target.get().index()));
        }
    }

    /**
     * Whether a finding is suppressed; remembers which directives were used.
     *
     * @param finding a finding
     * @return true when a directive covers it
     */
    boolean suppresses(Finding finding) {
        if (!finding.rule().suppressible()) {
            return false;
        }
        boolean suppressed = false;
        for (Directive directive : directives) {
            boolean covers = directive.fileWide || directive.statement == finding.statement();
            if (covers && directive.rules.contains(finding.rule())) {
                directive.used.add(finding.rule());
                suppressed = true;
            }
        }
        return suppressed;
    }

    /**
     * The {@link Rule#LDB000} findings: directives without a reason or with unknown rules.
     *
     * @return the problems, in file order
     */
    List<Finding> problems() {
        return List.copyOf(problems);
    }

    /**
     * Warnings for directives that suppressed nothing; call after every finding went through
     * {@link #suppresses(Finding)}.
     *
     * @param file    the file, for the warnings
     * @param kind    the file's kind, to say when a rule does not judge it
     * @param enabled the rules switched on (directives for switched-off rules are not warned about)
     * @return the warnings
     */
    List<Violation> unused(Path file, MigrationKind kind, Set<Rule> enabled) {
        List<Violation> warnings = new ArrayList<>();
        for (int line : danglingLines) {
            warnings.add(new Violation(Rule.LDB000.id(), file, line,
                    "lumen-lint:disable is not followed by a statement", UNUSED_WHY, UNUSED_FIX));
        }
        for (Directive directive : directives) {
            for (Rule rule : directive.rules) {
                if (directive.used.contains(rule) || !enabled.contains(rule)) {
                    continue;
                }
                String where = directive.fileWide ? "in this file" : "in the statement after it";
                String detail = rule.appliesTo(kind) ? "" : " (" + rule.id() + " does not judge this kind of file)";
                warnings.add(new Violation(Rule.LDB000.id(), file, directive.line,
                        "lumen-lint:" + (directive.fileWide ? "disable-file " : "disable ") + rule.id()
                                + " suppresses nothing " + where + detail, UNUSED_WHY, UNUSED_FIX));
            }
        }
        return warnings;
    }

    private void problem(SqlComment comment, String message) {
        problems.add(new Finding(Rule.LDB000, comment.line(), Finding.FILE, "suppression comment: " + message));
    }

    private static String ids(Set<Rule> rules) {
        Set<String> ids = new LinkedHashSet<>();
        rules.forEach(rule -> ids.add(rule.id()));
        return String.join(",", ids);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }
}
