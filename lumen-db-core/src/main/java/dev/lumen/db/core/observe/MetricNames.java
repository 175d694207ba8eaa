package dev.lumen.db.core.observe;

/**
 * Names and tag keys of lumen-db's meters. Tag values are bounded (statement kind, outcome, SQLSTATE class);
 * SQL text never becomes a tag.
 */
public final class MetricNames {

    /** Timer: every statement. Tags {@link #TYPE}, {@link #OUTCOME}, {@link #SQLSTATE_CLASS}, {@link #PATH}. */
    public static final String QUERY = "lumen.db.query";
    /** Counter: failed statements. Tags {@link #TYPE}, {@link #SQLSTATE_CLASS}, {@link #ERROR}. */
    public static final String QUERY_ERRORS = "lumen.db.query.errors";
    /** Counter: statements slower than the slow-query threshold. Tag {@link #TYPE}. */
    public static final String SLOW_QUERIES = "lumen.db.query.slow";
    /** Counter: statements repeated past the threshold within one transaction (a likely N+1). Tag {@link #TYPE}. */
    public static final String REPEATED_STATEMENTS = "lumen.db.query.repeated";
    /** Timer: whole transactions, including retries. Tags {@link #OUTCOME}, {@link #ISOLATION}, {@link #READ_ONLY}. */
    public static final String TRANSACTION = "lumen.db.transaction";
    /** Counter: transaction attempts retried. Tag {@link #REASON}. */
    public static final String TRANSACTION_RETRIES = "lumen.db.transaction.retries";
    /** Counter: transactions that still failed after their last retry. Tag {@link #REASON}. */
    public static final String TRANSACTION_RETRIES_EXHAUSTED = "lumen.db.transaction.retries.exhausted";

    /** Counter: routed transactions and reader statements. Tags {@link #TARGET}, {@link #REASON}. */
    public static final String ROUTE = "lumen.db.route";
    /** Gauge: a replica's replay lag in bytes behind the primary's WAL. Tag {@link #REPLICA}. */
    public static final String REPLICA_LAG_BYTES = "lumen.db.replica.lag.bytes";
    /** Gauge: a replica's replay lag in seconds (since the primary passed its replay position). Tag {@link #REPLICA}. */
    public static final String REPLICA_LAG_SECONDS = "lumen.db.replica.lag.seconds";
    /** Gauge: 1 while a replica serves reads, 0 while it is ejected. Tag {@link #REPLICA}. */
    public static final String REPLICA_HEALTHY = "lumen.db.replica.healthy";

    /** Statement kind: select, insert, update, delete, merge, ddl, batch, other. */
    public static final String TYPE = "type";
    /** success or error (queries); committed or rolled_back (transactions). */
    public static final String OUTCOME = "outcome";
    /** First two characters of the SQLSTATE ("23" for integrity violations), {@code none} on success. */
    public static final String SQLSTATE_CLASS = "sqlstate_class";
    /** The lumen-db exception kind, for example {@code unique_violation}. */
    public static final String ERROR = "error";
    /** Which path ran a statement: {@code direct} (rendered once, bound through JDBC) or {@code jooq}. */
    public static final String PATH = "path";
    /** Transaction isolation: default, read_committed, repeatable_read, serializable. */
    public static final String ISOLATION = "isolation";
    /** Whether the transaction was read-only. */
    public static final String READ_ONLY = "read_only";
    /** Why a transaction was retried (serialization_failure, deadlock) or routed (write, read, token, lagging, fallback, locking). */
    public static final String REASON = "reason";
    /** Where a routed unit of work ran: primary or replica. */
    public static final String TARGET = "target";
    /** A replica's name: {@code host:port}, never a URL. */
    public static final String REPLICA = "replica";

    private MetricNames() {
    }
}
