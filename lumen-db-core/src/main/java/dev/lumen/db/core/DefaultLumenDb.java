package dev.lumen.db.core;

import com.zaxxer.hikari.HikariDataSource;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.config.Pooler;
import dev.lumen.db.core.config.PostgresUrl;
import dev.lumen.db.core.health.ReplicaStatus;
import dev.lumen.db.core.replica.PrimaryConnections;
import dev.lumen.db.core.replica.ReaderScope;
import dev.lumen.db.core.replica.ReplicaRouter;
import dev.lumen.db.core.tx.ConsistencyToken;
import dev.lumen.db.core.tx.TxConnections;
import java.time.Duration;
import java.util.List;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.error.ConnectionFailedException.Reason;
import dev.lumen.db.core.error.ExceptionTranslatingListener;
import dev.lumen.db.core.health.HealthChecker;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.core.observe.QueryMetricsListener;
import dev.lumen.db.core.observe.RepeatedStatementDetector;
import dev.lumen.db.core.pool.ConnectionFailures;
import dev.lumen.db.core.pool.ConnectionPools;
import dev.lumen.db.core.statement.ShapeVerification;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.core.tx.TransactionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one implementation of {@link LumenDb}. */
final class DefaultLumenDb implements LumenDb {

    private static final Logger LOG = LoggerFactory.getLogger(LumenDb.class);

    static {
        // jOOQ prints a banner and tips on first use; services have logs for better things.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final DatabaseConfig config;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final TransactionRunner transactions;
    private final Migrator migrator;
    private final HealthChecker health;
    private final ServerInfo server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final @Nullable ReplicaRouter router;
    private final Configuration jooq;

    private DefaultLumenDb(DatabaseConfig config, HikariDataSource pool, ServerInfo server, MeterRegistry registry,
            AmbientTransactions ambient, @Nullable Schema expectedSchema) {
        this.config = config;
        this.pool = pool;
        this.server = server;
        Configuration jooq = jooqConfiguration(config, pool, registry, ambient);
        this.jooq = jooq;
        this.dsl = DSL.using(jooq);
        RepeatedStatementDetector repeated = new RepeatedStatementDetector(
                config.observability().repeatedStatementThreshold(), registry);
        this.router = config.scaleOut().routesReads() ? ReplicaRouter.start(config, pool, registry) : null;
        TxConnections connections = router != null ? router : new PrimaryConnections(pool);
        // Behind PgBouncer in transaction mode the session carries no statement_timeout: each transaction sets it.
        Duration defaultTimeout = config.scaleOut().pooler() == Pooler.PGBOUNCER_TRANSACTION
                ? config.connection().statementTimeout() : Duration.ZERO;
        this.transactions = TransactionRunner.create(connections, jooq, registry,
                repeated.enabled() ? repeated::forTransaction : null, ambient, defaultTimeout);
        this.migrator = new Migrator(config.migrations(), config.migrationConnection());
        ReplicaRouter replicas = router;
        this.health = new HealthChecker(pool, migrator, config.observability().healthSlowPing(), dsl, expectedSchema,
                replicas == null ? List::of : replicas::status);
    }

    static LumenDb start(DatabaseConfig config, MeterRegistry registry, AmbientTransactions ambient,
            @Nullable Schema expectedSchema) {
        if (config.environment() == Environment.PROD && !config.connection().sslMode().verifiesCertificate()) {
            LOG.warn("lumen.db.ssl.mode is {} in prod: the server's certificate is not verified", config.connection().sslMode());
        }
        HikariDataSource pool;
        try {
            pool = ConnectionPools.open(config, registry);
        } catch (RuntimeException e) {
            throw ConnectionFailures.classify(e, config.connection());
        }
        try {
            ServerInfo server = serverInfo(pool, config);
            LOG.info("lumen-db connected to {} ({} as {}), pool {}..{}", PostgresUrl.parse(config.connection().url()).server(),
                    server.version().split(",")[0], server.user(), config.pool().minIdle(), config.pool().maxSize());
            return new DefaultLumenDb(config, pool, server, registry, ambient, expectedSchema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static ServerInfo serverInfo(HikariDataSource pool, DatabaseConfig config) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT current_setting('server_version_num')::int, version(), current_database(), current_user")) {
            rows.next();
            ServerInfo info = new ServerInfo(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4));
            if (info.versionNumber() < ServerInfo.MINIMUM_VERSION_NUMBER) {
                throw new ConnectionFailedException("PostgreSQL " + info.majorVersion() + " at "
                        + PostgresUrl.parse(config.connection().url()).server() + " is too old: lumen-db needs 13 or newer",
                        Reason.UNSUPPORTED_SERVER, null, null);
            }
            return info;
        } catch (SQLException e) {
            throw ConnectionFailures.classify(e, config.connection());
        }
    }

    private static Configuration jooqConfiguration(DatabaseConfig config, DataSource pool, MeterRegistry registry,
            AmbientTransactions ambient) {
        Settings settings = new Settings()
                .withExecuteLogging(false)
                .withDiagnosticsLogging(false)
                // OffsetDateTime travels as pgjdbc's own type both ways, on jOOQ's path and the direct path alike:
                // OffsetDateTime.MIN / MAX are -infinity / infinity and read back as MIN / MAX (jOOQ's default
                // string binding sends MAX as a year-999999999 literal the server refuses).
                .withBindOffsetDateTimeType(true)
                .withBindOffsetTimeType(true);
        Configuration configuration = new DefaultConfiguration()
                .set(ambient == AmbientTransactions.NONE
                        ? new DataSourceConnectionProvider(pool)
                        : AmbientTransactions.connectionProvider(pool, ambient))
                .set(SQLDialect.POSTGRES)
                .set(settings)
                .set(DefaultExecuteListenerProvider.providers(
                        new ExceptionTranslatingListener(),
                        new QueryMetricsListener(registry, config.observability().slowQueryThreshold(),
                                config.observability().logBindValues())));
        // Tests re-render every direct-path call and compare it with its cached shape (a wrong shape fails).
        ShapeVerification.setDefault(configuration, config.environment() == Environment.TEST);
        return configuration;
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public DbScope reader() {
        return router == null ? this : new ReaderScope(router, jooq, null);
    }

    @Override
    public DbScope reader(ConsistencyToken token) {
        return router == null ? this : new ReaderScope(router, jooq, token);
    }

    @Override
    public List<ReplicaStatus> replicas() {
        return router == null ? List.of() : router.status();
    }

    @Override
    public TransactionRunner transactions() {
        return transactions;
    }

    @Override
    public Migrator migrator() {
        return migrator;
    }

    @Override
    public HealthChecker health() {
        return health;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public ServerInfo server() {
        return server;
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (router != null) {
                router.close();
            }
            pool.close();
            LOG.info("lumen-db closed");
        }
    }
}
