package dev.lumen.db.core;

import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.health.HealthChecker;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.schema.DefaultSchema;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A running lumen-db: pool, jOOQ, transactions, migrations, health.
 *
 * <pre>{@code
 * try (LumenDb db = LumenDb.start(DatabaseConfig.load(Environment.PROD), meterRegistry)) {
 *     db.migrator().up();
 *     User user = db.transactions().call(TxOptions.serializable().retries(3), tx -> users.create(tx, newUser));
 *     HealthReport health = db.health().check();
 * }
 * }</pre>
 */
public interface LumenDb extends DbScope, AutoCloseable {

    /**
     * Opens the pool, connects once, checks the server version, and wires jOOQ with the error-translating and
     * metrics listeners.
     *
     * @param config   validated configuration
     * @param registry where meters go
     * @return the running instance
     * @throws dev.lumen.db.core.error.ConnectionFailedException with one line naming the server and the problem
     */
    static LumenDb start(DatabaseConfig config, MeterRegistry registry) {
        return DefaultLumenDb.start(config, registry, AmbientTransactions.NONE, DefaultSchema.DEFAULT_SCHEMA);
    }

    /**
     * Like {@link #start(DatabaseConfig, MeterRegistry)}, inside a host framework that opens transactions of its
     * own (Spring's {@code @Transactional}): while the calling thread is in one, {@link #transactions()} joins it
     * as a savepoint and {@link #dsl()} runs on its connection, so the host's commit or rollback decides for all.
     *
     * @param config   validated configuration
     * @param registry where meters go
     * @param ambient  where to find the host's open transaction
     * @return the running instance
     */
    static LumenDb start(DatabaseConfig config, MeterRegistry registry, AmbientTransactions ambient) {
        return DefaultLumenDb.start(config, registry, ambient, DefaultSchema.DEFAULT_SCHEMA);
    }

    /**
     * The full form: also names the generated schema the health check compares the database with, for code
     * generated into another package than lumen-db-schema's (a fixture schema in tests, a second schema), or
     * {@code null} to leave the drift check out.
     *
     * @param config         validated configuration
     * @param registry       where meters go
     * @param ambient        where to find a host framework's open transaction ({@link AmbientTransactions#NONE})
     * @param expectedSchema the generated schema the database should match, or {@code null}
     * @return the running instance
     * @throws dev.lumen.db.core.error.ConnectionFailedException with one line naming the server and the problem
     */
    static LumenDb start(DatabaseConfig config, MeterRegistry registry, AmbientTransactions ambient,
            @Nullable Schema expectedSchema) {
        return DefaultLumenDb.start(config, registry, ambient, expectedSchema);
    }

    /**
     * The shared {@code DSLContext}: each statement borrows a pooled connection and runs in auto-commit.
     * Inside a transaction use {@code tx.dsl()} instead.
     *
     * @return the context
     */
    @Override
    DSLContext dsl();

    /**
     * An explicit reader scope: each statement in auto-commit on a healthy read replica, locking reads
     * ({@code FOR UPDATE} / {@code FOR SHARE}) on the primary. Without replicas, this instance itself.
     *
     * @return the scope
     */
    default DbScope reader() {
        return this;
    }

    /**
     * A reader scope whose statements see the write a token stands for: on a replica that has replayed it, else
     * (after {@code lumen.db.replicas.token-wait}) on the primary.
     *
     * @param token from {@link TransactionRunner#callWithToken}
     * @return the scope
     */
    default DbScope reader(dev.lumen.db.core.tx.ConsistencyToken token) {
        return this;
    }

    /**
     * The read replicas as the lag probes last found them.
     *
     * @return one status per replica; empty without replicas
     */
    default java.util.List<dev.lumen.db.core.health.ReplicaStatus> replicas() {
        return java.util.List.of();
    }

    /**
     * The transaction runner.
     *
     * @return the runner
     */
    TransactionRunner transactions();

    /**
     * The migrator.
     *
     * @return the migrator
     */
    Migrator migrator();

    /**
     * The health checker.
     *
     * @return the checker
     */
    HealthChecker health();

    /**
     * The pool, for libraries that need a {@link DataSource}.
     *
     * @return the pool
     */
    DataSource dataSource();

    /**
     * The server connected to at start.
     *
     * @return server information
     */
    ServerInfo server();

    /**
     * The configuration this instance runs with.
     *
     * @return the configuration
     */
    DatabaseConfig config();

    /** Closes the pool, waiting briefly for borrowed connections; calling it again does nothing. */
    @Override
    void close();
}
