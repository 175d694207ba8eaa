package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.DeadlockException;
import dev.lumen.db.core.error.ReadOnlyTransactionException;
import dev.lumen.db.core.error.ReplicationUnconfirmedException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.error.SqlStateTranslator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC implementation of {@link TransactionRunner}: one pooled connection per attempt, auto-commit off, the
 * options' preamble piggybacked on the first round trip, commit or rollback, after-commit actions once the
 * connection is back in the pool. Inside a host framework's transaction ({@link AmbientTransactions}) the work
 * joins that transaction instead, as a savepoint ({@link JoinedTransaction}). A transaction whose commit
 * outcome is unknown is never rerun and runs no after-commit action.
 */
final class PooledTransactionRunner implements TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PooledTransactionRunner.class);

    private final TxConnections connections;
    private final java.time.Duration defaultStatementTimeout;
    private final Configuration jooq;
    private final TxMetrics metrics;
    private final RetryBackoff backoff;
    private final @Nullable Supplier<ExecuteListener> perTransaction;
    private final AmbientTransactions ambient;

    PooledTransactionRunner(DataSource dataSource, Configuration jooq, TxMetrics metrics, RetryBackoff backoff,
            @Nullable Supplier<ExecuteListener> perTransaction) {
        this(TxConnections.of(dataSource), jooq, metrics, backoff, perTransaction, AmbientTransactions.NONE,
                java.time.Duration.ZERO);
    }

    PooledTransactionRunner(TxConnections connections, Configuration jooq, TxMetrics metrics, RetryBackoff backoff,
            @Nullable Supplier<ExecuteListener> perTransaction, AmbientTransactions ambient,
            java.time.Duration defaultStatementTimeout) {
        this.connections = connections;
        this.defaultStatementTimeout = defaultStatementTimeout;
        this.jooq = jooq;
        this.metrics = metrics;
        this.backoff = backoff;
        this.perTransaction = perTransaction;
        this.ambient = ambient;
    }

    @Override
    public <T> T call(TxOptions options, TxFunction<T> work) {
        AmbientTransaction open = ambient.current();
        if (open != null) {
            return JoinedTransaction.call(open, options, work, jooq, perTransaction);
        }
        return run(options, work, false).result();
    }

    @Override
    public <T> WithToken<T> callWithToken(TxOptions options, TxFunction<T> work) {
        if (ambient.current() != null) {
            throw new IllegalStateException("A consistency token needs lumen-db's own transaction: inside a host"
                    + " framework's transaction the commit, and so the WAL position, is the host's");
        }
        Committed<T> committed = run(options, work, true);
        return new WithToken<>(committed.result(), java.util.Objects.requireNonNull(committed.token()));
    }

    private <T> Committed<T> run(TxOptions options, TxFunction<T> work, boolean wantToken) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Committed<T> committed;
            try {
                committed = attempt(options, work, attempt, wantToken);
            } catch (CommitOutcomeUnknownException unknown) {
                metrics.outcomeUnknown(options, System.nanoTime() - started);
                throw unknown;
            } catch (ReplicationUnconfirmedException unconfirmed) {
                metrics.outcomeUnknown(options, System.nanoTime() - started);
                throw unconfirmed;
            } catch (RuntimeException | Error failure) {
                String reason = retryReason(failure);
                if (reason != null && attempt <= options.retries() && backoff.sleep(attempt)) {
                    metrics.retried(reason);
                    LOG.debug("Transaction attempt {} hit {}; retrying", attempt, reason);
                    continue;
                }
                if (reason != null && options.retries() > 0) {
                    metrics.exhausted(reason);
                }
                metrics.rolledBack(options, System.nanoTime() - started);
                throw failure;
            }
            metrics.committed(options, System.nanoTime() - started);
            runAfterCommit(committed.scope());
            return committed;
        }
    }

    /** A committed attempt: its result, the scope holding its after-commit actions, and its token if asked for. */
    private record Committed<T>(T result, TxScope scope, @Nullable ConsistencyToken token) {
    }

    private <T> Committed<T> attempt(TxOptions options, TxFunction<T> work, int attempt, boolean wantToken) {
        Connection connection;
        try {
            connection = connections.open(options);
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
        boolean committed = false;
        boolean evict = false;
        try {
            connection.setAutoCommit(false);
            String preamble = TxPreamble.sql(options, defaultStatementTimeout);
            if (preamble != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(preamble);
                }
            }
            TxScope scope = new TxScope(connection, jooq, perTransaction, options, attempt);
            T result = work.apply(scope);
            commit(connection);
            committed = true;
            ConsistencyToken token = wantToken ? walPosition(connection) : null;
            return new Committed<>(result, scope, token);
        } catch (SQLException e) {
            RuntimeException translated = SqlStateTranslator.translate(e);
            evict = onReadOnlyServer(options, translated);
            throw translated;
        } catch (RuntimeException e) {
            RuntimeException translated = Failures.translated(e);
            evict = onReadOnlyServer(options, translated);
            throw translated;
        } finally {
            if (!committed) {
                rollbackQuietly(connection);
            }
            if (evict) {
                LOG.warn("A write transaction met a read-only server (SQLSTATE 25006): its connection is evicted, the"
                        + " primary behind the URL has probably been demoted");
                connections.evict(connection);
            } else {
                closeQuietly(connection);
            }
        }
    }

    /** A write refused because the server is read-only: the connection reached a standby and must not be reused. */
    private static boolean onReadOnlyServer(TxOptions options, RuntimeException failure) {
        return !options.readOnly() && failure instanceof ReadOnlyTransactionException;
    }

    /**
     * The primary's WAL position after COMMIT: at or past the commit record, so a replica that has replayed it
     * sees the transaction. With auto-commit back on, the query is a transaction of its own.
     */
    private static ConsistencyToken walPosition(Connection connection) {
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                rows.next();
                return new ConsistencyToken(WalPositions.parse(rows.getString(1)));
            }
        } catch (SQLException e) {
            // The transaction is committed: the caller must not rerun it, so this is not a retryable failure.
            throw new CommitOutcomeUnknownException("The transaction committed, but the WAL position for its"
                    + " consistency token could not be read (" + e.getSQLState() + ")", e.getSQLState(), null);
        }
    }

    /**
     * Commits; a connection lost once COMMIT was on its way is "outcome unknown", never a retryable failure:
     * the server may well have committed, and rerunning the work would then store it twice.
     */
    private static void commit(Connection connection) {
        try {
            connection.clearWarnings();
            connection.commit();
        } catch (SQLException e) {
            throw SqlStateTranslator.translateCommitFailure(e);
        }
        SyncReplicationWarnings.check(connection);
    }

    private static @Nullable String retryReason(Throwable failure) {
        if (failure instanceof SerializationFailureException) {
            return "serialization_failure";
        }
        if (failure instanceof DeadlockException) {
            return "deadlock";
        }
        return null;
    }

    private static void runAfterCommit(TxScope scope) {
        for (Runnable action : scope.afterCommitActions()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("An after-commit action failed; the transaction itself is committed", e);
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed (the connection is probably gone): {}", e.getSQLState());
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a connection failed: {}", e.getSQLState());
        }
    }
}
