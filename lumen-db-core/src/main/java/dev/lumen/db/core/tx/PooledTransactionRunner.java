package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.DeadlockException;
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

    private final DataSource dataSource;
    private final Configuration jooq;
    private final TxMetrics metrics;
    private final RetryBackoff backoff;
    private final @Nullable Supplier<ExecuteListener> perTransaction;
    private final AmbientTransactions ambient;

    PooledTransactionRunner(DataSource dataSource, Configuration jooq, TxMetrics metrics, RetryBackoff backoff,
            @Nullable Supplier<ExecuteListener> perTransaction) {
        this(dataSource, jooq, metrics, backoff, perTransaction, AmbientTransactions.NONE);
    }

    PooledTransactionRunner(DataSource dataSource, Configuration jooq, TxMetrics metrics, RetryBackoff backoff,
            @Nullable Supplier<ExecuteListener> perTransaction, AmbientTransactions ambient) {
        this.dataSource = dataSource;
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
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Committed<T> committed;
            try {
                committed = attempt(options, work, attempt);
            } catch (CommitOutcomeUnknownException unknown) {
                metrics.outcomeUnknown(options, System.nanoTime() - started);
                throw unknown;
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
            return committed.result();
        }
    }

    /** A committed attempt: its result and the scope holding its after-commit actions. */
    private record Committed<T>(T result, TxScope scope) {
    }

    private <T> Committed<T> attempt(TxOptions options, TxFunction<T> work, int attempt) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            String preamble = TxPreamble.sql(options);
            if (preamble != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(preamble);
                }
            }
            TxScope scope = new TxScope(connection, jooq, perTransaction, options, attempt);
            T result = work.apply(scope);
            commit(connection);
            committed = true;
            return new Committed<>(result, scope);
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        } catch (RuntimeException e) {
            throw Failures.translated(e);
        } finally {
            if (!committed) {
                rollbackQuietly(connection);
            }
            closeQuietly(connection);
        }
    }

    /**
     * Commits; a connection lost once COMMIT was on its way is "outcome unknown", never a retryable failure:
     * the server may well have committed, and rerunning the work would then store it twice.
     */
    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw SqlStateTranslator.translateCommitFailure(e);
        }
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
