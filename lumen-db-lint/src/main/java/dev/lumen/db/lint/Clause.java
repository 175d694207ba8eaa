package dev.lumen.db.lint;

/**
 * PostgreSQL clauses that jOOQ's open-source parser does not accept. {@link StatementRewriter} lifts them out of
 * a statement before parsing and records them here, so the rules still see them.
 */
enum Clause {
    /** {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}. */
    CONCURRENTLY,
    /** {@code ALTER TABLE ... ADD CONSTRAINT ... NOT VALID}. */
    NOT_VALID,
    /** {@code SET LOCAL name = value}: the setting lasts until the end of the transaction. */
    LOCAL
}
