package dev.lumen.db.core.tx;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Runs work in a transaction: commit when it returns, roll back when it throws anything, retry the whole work
 * after serialization failures and deadlocks when {@link TxOptions#retries()} allows, with jittered exponential
 * backoff. Only the outermost transaction retries; nested work uses {@link Tx#savepoint(TxFunction)}.
 */
public interface TransactionRunner {

    /**
     * Runs work that returns a value.
     *
     * @param options how to run
     * @param work    the work
     * @param <T>     the result type
     * @return the work's result, after commit
     */
    <T> T call(TxOptions options, TxFunction<T> work);

    /**
     * Runs a write transaction and returns, with its result, the {@link ConsistencyToken} that later reads pass
     * ({@link TxOptions#after(ConsistencyToken)}) to see this write even on a replica: the primary's WAL position
     * read right after COMMIT (one more round trip).
     *
     * @param options how to run
     * @param work    the work
     * @param <T>     the result type
     * @return the result and the token
     */
    default <T> WithToken<T> callWithToken(TxOptions options, TxFunction<T> work) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not hand out consistency tokens");
    }

    /**
     * Runs work with {@link TxOptions#defaults()}.
     *
     * @param work the work
     * @param <T>  the result type
     * @return the work's result, after commit
     */
    default <T> T call(TxFunction<T> work) {
        return call(TxOptions.defaults(), work);
    }

    /**
     * Runs work without a result.
     *
     * @param options how to run
     * @param work    the work
     */
    default void run(TxOptions options, TxAction work) {
        call(options, tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Runs work without a result, with {@link TxOptions#defaults()}.
     *
     * @param work the work
     */
    default void run(TxAction work) {
        run(TxOptions.defaults(), work);
    }

    /**
     * A runner over a pool. {@code LumenDb} builds one; use this only to assemble the parts yourself.
     *
     * @param dataSource the pool
     * @param jooq       the jOOQ configuration (dialect, listeners) each transaction's {@code DSLContext} derives from
     * @param registry   where the transaction meters go
     * @return the runner
     */
    static TransactionRunner create(DataSource dataSource, Configuration jooq, MeterRegistry registry) {
        return new PooledTransactionRunner(dataSource, jooq, new TxMetrics(registry), RetryBackoff.DEFAULT, null);
    }

    /**
     * A runner over a pool whose transactions each get an extra listener of their own (for per-transaction
     * bookkeeping such as N+1 detection).
     *
     * @param dataSource     the pool
     * @param jooq           the jOOQ configuration each transaction's {@code DSLContext} derives from
     * @param registry       where the transaction meters go
     * @param perTransaction makes the listener of one transaction
     * @return the runner
     */
    static TransactionRunner create(DataSource dataSource, Configuration jooq, MeterRegistry registry,
            Supplier<ExecuteListener> perTransaction) {
        return new PooledTransactionRunner(dataSource, jooq, new TxMetrics(registry), RetryBackoff.DEFAULT,
                perTransaction);
    }

    /**
     * A runner over a pool that joins the transaction a host framework has open on the calling thread, when
     * there is one: the work runs on that transaction's connection inside a savepoint, once (retries belong to
     * the outermost transaction), and an isolation the open transaction does not have is refused with an
     * {@link IllegalStateException}. Outside such a transaction it behaves like the other runners.
     *
     * @param dataSource     the pool
     * @param jooq           the jOOQ configuration each transaction's {@code DSLContext} derives from
     * @param registry       where the transaction meters go
     * @param perTransaction makes the listener of one transaction, or {@code null} for none
     * @param ambient        where to find the host's open transaction
     * @return the runner
     */
    static TransactionRunner create(DataSource dataSource, Configuration jooq, MeterRegistry registry,
            @Nullable Supplier<ExecuteListener> perTransaction, AmbientTransactions ambient) {
        return new PooledTransactionRunner(TxConnections.of(dataSource), jooq, new TxMetrics(registry),
                RetryBackoff.DEFAULT, perTransaction, ambient, java.time.Duration.ZERO);
    }

    /**
     * The full form: connections chosen per transaction (the replica router), and a statement timeout every
     * transaction sets itself ({@code SET LOCAL}) when the connections cannot carry one (PgBouncer in transaction
     * mode).
     *
     * @param connections             where each transaction's connection comes from
     * @param jooq                    the jOOQ configuration each transaction's {@code DSLContext} derives from
     * @param registry                where the transaction meters go
     * @param perTransaction          makes the listener of one transaction, or {@code null} for none
     * @param ambient                 where to find the host's open transaction
     * @param defaultStatementTimeout applied as {@code SET LOCAL} to transactions without a timeout; zero for none
     * @return the runner
     */
    static TransactionRunner create(TxConnections connections, Configuration jooq, MeterRegistry registry,
            @Nullable Supplier<ExecuteListener> perTransaction, AmbientTransactions ambient,
            java.time.Duration defaultStatementTimeout) {
        return new PooledTransactionRunner(connections, jooq, new TxMetrics(registry), RetryBackoff.DEFAULT,
                perTransaction, ambient, defaultStatementTimeout);
    }
}
