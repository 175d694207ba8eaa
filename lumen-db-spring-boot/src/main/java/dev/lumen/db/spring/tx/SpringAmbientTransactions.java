package dev.lumen.db.spring.tx;

import dev.lumen.db.core.tx.AmbientTransaction;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.core.tx.Isolation;
import dev.lumen.db.core.tx.TxOptions;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's side of lumen-db's ambient-transaction SPI: while a Spring transaction (from
 * {@code @Transactional}, {@code @LumenTransactional} or a {@code TransactionTemplate}) holds a connection of
 * lumen-db's pool on this thread, lumen-db runs on that connection. The lookup is
 * {@link TransactionSynchronizationManager}'s, the same one {@code JdbcTemplate} uses through
 * {@code DataSourceUtils}, so every API shares one connection and one transaction.
 *
 * <p>The pool is known only once lumen-db has started, so it is {@linkplain #bind(DataSource) bound} right after.
 */
public final class SpringAmbientTransactions implements AmbientTransactions {

    private volatile @Nullable DataSource pool;

    /** Creates the bridge; {@link #bind(DataSource)} must follow before the first transaction. */
    public SpringAmbientTransactions() {
    }

    /**
     * Names the pool whose Spring transactions lumen-db joins.
     *
     * @param dataSource lumen-db's pool, the key under which Spring's transaction manager binds its connection
     */
    public void bind(DataSource dataSource) {
        this.pool = dataSource;
    }

    @Override
    public @Nullable AmbientTransaction current() {
        DataSource key = pool;
        if (key == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        if (!(TransactionSynchronizationManager.getResource(key) instanceof ConnectionHolder holder)) {
            // A transaction of another resource (JPA, JMS) is open, but none on lumen-db's pool.
            return null;
        }
        return new SpringTransaction(holder.getConnection(), options());
    }

    private static TxOptions options() {
        Integer level = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        return TxOptions.defaults()
                .isolation(isolation(level == null ? TransactionDefinition.ISOLATION_DEFAULT : level))
                .readOnly(TransactionSynchronizationManager.isCurrentTransactionReadOnly());
    }

    /**
     * lumen-db's level for a Spring isolation constant.
     *
     * @param level one of {@link TransactionDefinition}'s {@code ISOLATION_*} constants
     * @return the level; READ UNCOMMITTED is READ COMMITTED in PostgreSQL
     */
    public static Isolation isolation(int level) {
        return switch (level) {
            case TransactionDefinition.ISOLATION_SERIALIZABLE -> Isolation.SERIALIZABLE;
            case TransactionDefinition.ISOLATION_REPEATABLE_READ -> Isolation.REPEATABLE_READ;
            case TransactionDefinition.ISOLATION_READ_COMMITTED, TransactionDefinition.ISOLATION_READ_UNCOMMITTED ->
                    Isolation.READ_COMMITTED;
            default -> Isolation.DEFAULT;
        };
    }

    /**
     * Spring's isolation constant for a lumen-db level.
     *
     * @param level the level
     * @return the {@link TransactionDefinition} constant
     */
    public static int springIsolation(Isolation level) {
        return switch (level) {
            case SERIALIZABLE -> TransactionDefinition.ISOLATION_SERIALIZABLE;
            case REPEATABLE_READ -> TransactionDefinition.ISOLATION_REPEATABLE_READ;
            case READ_COMMITTED -> TransactionDefinition.ISOLATION_READ_COMMITTED;
            case DEFAULT -> TransactionDefinition.ISOLATION_DEFAULT;
        };
    }

    /** The Spring transaction open on this thread, as lumen-db sees it. */
    private record SpringTransaction(Connection connection, TxOptions options) implements AmbientTransaction {
        @Override
        public void afterCommit(Runnable action) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
    }
}
