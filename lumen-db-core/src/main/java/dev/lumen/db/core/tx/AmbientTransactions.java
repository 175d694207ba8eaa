package dev.lumen.db.core.tx;

import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * Where lumen-db looks for a transaction a host framework already has open on the calling thread (the SPI
 * behind "one transaction, whatever the API"). When there is one, {@link TransactionRunner#call} runs its work
 * on that transaction's connection, inside a savepoint, and the shared {@code DSLContext} runs its statements
 * there too; otherwise both borrow pooled connections as usual.
 *
 * <p>Implementations are consulted on every transaction and every statement outside one: keep {@link #current()}
 * to a thread-local lookup. The core ships only {@link #NONE}; {@code lumen-db-spring-boot} provides Spring's.
 */
@FunctionalInterface
public interface AmbientTransactions {

    /** No host framework: lumen-db always runs on connections of its own. */
    AmbientTransactions NONE = () -> null;

    /**
     * The transaction open on the calling thread.
     *
     * @return the transaction, or {@code null} when the thread is not in one
     */
    @Nullable AmbientTransaction current();

    /**
     * A jOOQ connection provider that hands out the ambient transaction's connection when there is one, and
     * otherwise borrows from {@code pool} (auto-commit, one connection per statement).
     *
     * @param pool    the pool
     * @param ambient where to look for the host's transaction
     * @return the provider
     */
    static ConnectionProvider connectionProvider(DataSource pool, AmbientTransactions ambient) {
        return new AmbientConnectionProvider(pool, ambient);
    }
}
