package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Rule#LDB010}: a statement PostgreSQL refuses inside a transaction block ({@code CREATE INDEX
 * CONCURRENTLY}, {@code VACUUM}, ...) that is not alone in its migration. Flyway runs a migration either in one
 * transaction or, when it detects such a statement, outside one; a file that mixes both fails ("Detected both
 * transactional and non-transactional statements") or, where Flyway does not detect the statement, PostgreSQL
 * fails it ("cannot run inside a transaction block"). Undo scripts all run in the one transaction of lumen-db's
 * {@code down}, so there such a statement is wrong even alone. Judged per file, on the statements' leading key words,
 * because what matters is how the file will be executed, not what the statement changes.
 */
final class NonTransactionalCheck {

    private NonTransactionalCheck() {
    }

    /**
     * The findings of one file.
     *
     * @param statements the file's statements
     * @param kind       the file's kind
     * @return one finding per non-transactional statement that is not alone (any, in an undo script)
     */
    static List<Finding> findings(List<SqlStatement> statements, MigrationKind kind) {
        List<Finding> findings = new ArrayList<>();
        for (SqlStatement statement : statements) {
            Optional<String> label = nonTransactional(statement);
            if (label.isEmpty()) {
                continue;
            }
            if (kind == MigrationKind.UNDO) {
                findings.add(new Finding(Rule.LDB010, statement.line(), statement.index(), label.get()
                        + " cannot run inside a transaction block, and lumen-db's down runs undo scripts in one"));
            } else if (statements.size() > 1) {
                int others = statements.size() - 1;
                findings.add(new Finding(Rule.LDB010, statement.line(), statement.index(), label.get()
                        + " cannot run inside a transaction block, but this file has " + others + " other statement"
                        + (others == 1 ? "" : "s") + ", so Flyway cannot run the file either way"));
            }
        }
        return findings;
    }

    /**
     * What the statement is, when PostgreSQL refuses to run it inside a transaction block.
     *
     * @param statement the statement
     * @return a label such as {@code CREATE INDEX CONCURRENTLY}, or empty for statements that can run in one
     */
    static Optional<String> nonTransactional(SqlStatement statement) {
        List<Token> words = statement.tokens().stream().limit(6).toList();
        Token first = words.getFirst();
        if (first.is("VACUUM")) {
            return Optional.of("VACUUM");
        }
        if (first.is("REINDEX")) {
            boolean concurrently = statement.tokens().stream().limit(8).anyMatch(token -> token.is("CONCURRENTLY"));
            boolean wide = words.stream().skip(1).anyMatch(token -> token.is("DATABASE") || token.is("SYSTEM"));
            return concurrently || wide ? Optional.of(concurrently ? "REINDEX CONCURRENTLY" : "REINDEX " + (words
                    .stream().anyMatch(token -> token.is("SYSTEM")) ? "SYSTEM" : "DATABASE")) : Optional.empty();
        }
        if (words.size() < 2) {
            return Optional.empty();
        }
        Token second = words.get(1);
        if (first.is("ALTER") && second.is("SYSTEM")) {
            return Optional.of("ALTER SYSTEM");
        }
        if (first.is("CREATE") || first.is("DROP")) {
            String verb = first.upper();
            if (second.is("DATABASE") || second.is("TABLESPACE") || second.is("SUBSCRIPTION")) {
                return Optional.of(verb + " " + second.upper());
            }
            int index = second.is("UNIQUE") ? 2 : 1;
            if (words.size() > index + 1 && words.get(index).is("INDEX") && words.get(index + 1).is("CONCURRENTLY")) {
                return Optional.of(verb + (index == 2 ? " UNIQUE" : "") + " INDEX CONCURRENTLY");
            }
        }
        return Optional.empty();
    }
}
