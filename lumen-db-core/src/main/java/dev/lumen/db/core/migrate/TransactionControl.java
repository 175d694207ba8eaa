package dev.lumen.db.core.migrate;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds top-level transaction control ({@code BEGIN}, {@code COMMIT}, {@code END}, {@code ROLLBACK},
 * {@code SAVEPOINT}, ...) in a script that will run inside a transaction lumen-db or Flyway opened: there a
 * {@code COMMIT} would commit half a migration or half a revert and leave the rest outside any transaction.
 *
 * <p>The scan reads the script the way PostgreSQL does: comments ({@code --}, nested block comments), string
 * constants (including {@code E'...'} escapes), quoted identifiers and dollar-quoted bodies are skipped, so the
 * {@code BEGIN ... END} of a plpgsql function is not transaction control; nor is the {@code BEGIN ATOMIC ... END}
 * body of a SQL-standard function.
 */
final class TransactionControl {

    private static final Set<String> ALWAYS = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT",
            "RELEASE");
    /** Transaction control only when followed by TRANSACTION ({@code START TRANSACTION}, {@code PREPARE TRANSACTION}). */
    private static final Set<String> WITH_TRANSACTION = Set.of("START", "PREPARE");

    /**
     * A transaction-control statement.
     *
     * @param keyword the statement's first word, upper case
     * @param line    1-based line where it starts
     */
    record Found(String keyword, int line) {
    }

    private TransactionControl() {
    }

    /**
     * The first top-level transaction-control statement of a script.
     *
     * @param sql the script
     * @return the statement, if there is one
     */
    static Optional<Found> find(String sql) {
        Scanner scanner = new Scanner(sql);
        while (scanner.hasMore()) {
            Optional<Found> found = scanner.statement();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Reads one statement at a time, skipping what is not SQL keywords. */
    private static final class Scanner {
        private final String sql;
        private int position;

        Scanner(String sql) {
            this.sql = sql;
        }

        boolean hasMore() {
            skipSpaceAndComments();
            return position < sql.length();
        }

        /** Reads up to the end of the current statement; reports it when it is transaction control. */
        Optional<Found> statement() {
            int start = position;
            String first = word();
            String second = "";
            boolean atomicBody = false;
            int depth = 0;
            int words = first.isEmpty() ? 0 : 1;
            String previous = first;
            while (position < sql.length()) {
                skipSpaceAndComments();
                if (position >= sql.length()) {
                    break;
                }
                char c = sql.charAt(position);
                if (c == ';' && depth == 0) {
                    position++;
                    break;
                }
                if (Character.isLetter(c) || c == '_') {
                    String word = word();
                    if (words++ == 1) {
                        second = word;
                    }
                    // SQL-standard function bodies hold semicolons: BEGIN ATOMIC ... END, with CASE ... END inside.
                    if (first.equals("CREATE") && previous.equals("BEGIN") && word.equals("ATOMIC")) {
                        atomicBody = true;
                        depth++;
                    } else if (atomicBody && depth > 0 && word.equals("CASE")) {
                        depth++;
                    } else if (atomicBody && depth > 0 && word.equals("END")) {
                        depth--;
                    }
                    previous = word;
                } else {
                    skipToken(c);
                }
            }
            if (ALWAYS.contains(first) || WITH_TRANSACTION.contains(first) && second.equals("TRANSACTION")) {
                return Optional.of(new Found(first, lineOf(start)));
            }
            return Optional.empty();
        }

        private String word() {
            int start = position;
            while (position < sql.length()
                    && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_'
                            || sql.charAt(position) == '$')) {
                position++;
            }
            return sql.substring(start, position).toUpperCase(Locale.ROOT);
        }

        private void skipToken(char c) {
            if (c == '\'') {
                boolean escapes = position > 0 && (sql.charAt(position - 1) == 'E' || sql.charAt(position - 1) == 'e');
                skipQuoted('\'', escapes);
            } else if (c == '"') {
                skipQuoted('"', false);
            } else if (c == '$' && dollarTag() != null) {
                String tag = dollarTag();
                int end = sql.indexOf(tag, position + tag.length());
                position = end < 0 ? sql.length() : end + tag.length();
            } else {
                position++;
            }
        }

        /** {@code $tag$} or {@code $$} at the current position, or null ({@code $1} is a parameter). */
        private String dollarTag() {
            int end = position + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            if (end >= sql.length() || sql.charAt(end) != '$') {
                return null;
            }
            String tag = sql.substring(position, end + 1);
            return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
        }

        private void skipQuoted(char quote, boolean backslashEscapes) {
            position++;
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (backslashEscapes && c == '\\') {
                    position += 2;
                    continue;
                }
                position++;
                if (c == quote) {
                    if (position < sql.length() && sql.charAt(position) == quote) {
                        position++;
                    } else {
                        return;
                    }
                }
            }
        }

        private void skipSpaceAndComments() {
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (sql.startsWith("--", position)) {
                    int end = sql.indexOf('\n', position);
                    position = end < 0 ? sql.length() : end + 1;
                } else if (sql.startsWith("/*", position)) {
                    skipBlockComment();
                } else {
                    return;
                }
            }
        }

        private void skipBlockComment() {
            int depth = 0;
            while (position < sql.length()) {
                if (sql.startsWith("/*", position)) {
                    depth++;
                    position += 2;
                } else if (sql.startsWith("*/", position)) {
                    depth--;
                    position += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    position++;
                }
            }
        }

        private int lineOf(int offset) {
            int line = 1;
            for (int i = 0; i < offset && i < sql.length(); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
