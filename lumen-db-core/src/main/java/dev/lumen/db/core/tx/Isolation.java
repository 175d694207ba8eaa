package dev.lumen.db.core.tx;

import java.util.Locale;

/** Transaction isolation levels PostgreSQL implements. */
public enum Isolation {
    /** The server's default ({@code default_transaction_isolation}, normally read committed). */
    DEFAULT(null),
    /** Each statement sees data committed before it began. */
    READ_COMMITTED("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"),
    /** The transaction sees one snapshot; concurrent updates of the same rows fail with 40001. */
    REPEATABLE_READ("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
    /** As if transactions ran one at a time; conflicts fail with 40001 and should be retried. */
    SERIALIZABLE("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");

    private final String statement;
    private final String tag = name().toLowerCase(Locale.ROOT);

    Isolation(String statement) {
        this.statement = statement;
    }

    /** The statement that sets this level, or {@code null} for {@link #DEFAULT}. */
    String statement() {
        return statement;
    }

    /** The metric tag value. */
    String tag() {
        return tag;
    }
}
