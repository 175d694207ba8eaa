package dev.lumen.db.core.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.PoolConfig;
import dev.lumen.db.core.config.Pooler;
import dev.lumen.db.core.config.Secret;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds the HikariCP pool. The Go package's four pool knobs map one to one (see {@link PoolConfig}); pgjdbc
 * gets its timeouts, keep-alive, batched-insert rewriting, application name and TLS settings, and never puts
 * server error details (which can repeat row values) into exception messages.
 */
public final class ConnectionPools {

    /** Name of the pool in logs and in Hikari's meters ({@code hikaricp.connections{pool=lumen-db}}). */
    public static final String POOL_NAME = "lumen-db";

    private ConnectionPools() {
    }

    /**
     * Opens the pool; the first connection is made before this returns, so a wrong URL or password fails here.
     *
     * @param config   the configuration
     * @param registry where Hikari's meters go
     * @return the running pool
     * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException when the first connection fails
     */
    public static HikariDataSource open(DatabaseConfig config, MeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        ConnectionConfig connection = config.connection();
        PoolConfig pool = config.pool();
        hikari.setPoolName(POOL_NAME);
        // A data source of our own rather than a JDBC URL: Hikari logs its configuration (URL and driver
        // properties, with only "password" masked) at DEBUG, and our source waits out outages (see ServerDataSource).
        ServerDataSource connections = new ServerDataSource(driverDataSource(connection, connection.user(),
                connection.password(), config.scaleOut().pooler(), false), connection.server());
        hikari.setDataSource(connections);
        applyPoolSettings(hikari, pool);
        // Try the first connection once and fail start-up right away when it does not work.
        hikari.setInitializationFailTimeout(1);
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        LumenPool opened = new LumenPool(hikari, connections);
        connections.waitOutOutages();
        return opened;
    }

    /** The settings the primary's pool and every replica's pool share. */
    private static void applyPoolSettings(HikariConfig hikari, PoolConfig pool) {
        hikari.setMaximumPoolSize(pool.maxSize());
        hikari.setMinimumIdle(pool.minIdle());
        hikari.setMaxLifetime(pool.maxLifetime().toMillis());
        hikari.setIdleTimeout(pool.idleTimeout().toMillis());
        hikari.setConnectionTimeout(pool.acquireTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(5_000, Math.max(250, pool.acquireTimeout().toMillis() - 1)));
        hikari.setLeakDetectionThreshold(pool.leakDetectionThreshold().toMillis());
        hikari.setAutoCommit(true);
    }

    /**
     * Opens the pool of one read replica: the primary's pool settings, sessions that refuse writes, and no
     * connection at start (a replica that is down must not stop the service; the lag probe ejects it).
     *
     * @param config   the configuration (pool settings, pooler)
     * @param replica  the replica's connection settings
     * @param name     the replica's name in meters and logs ({@code host:port})
     * @param registry where Hikari's meters go
     * @return the running pool
     */
    public static HikariDataSource openReplica(DatabaseConfig config, ConnectionConfig replica, String name,
            MeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        PoolConfig pool = config.pool();
        hikari.setPoolName(POOL_NAME + "-replica-" + name);
        hikari.setDataSource(new ServerDataSource(driverDataSource(replica, replica.user(), replica.password(),
                config.scaleOut().pooler(), config.scaleOut().pooler() == Pooler.DIRECT), replica.server()));
        applyPoolSettings(hikari, pool);
        hikari.setInitializationFailTimeout(-1);
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(hikari);
    }

    /**
     * A plain pgjdbc data source for a configuration: its URL, the given credentials, and every driver property
     * including the secret ones (also used by the migrator's own connections).
     *
     * @param connection the connection configuration
     * @param user       the user to log in as
     * @param password   that user's password
     * @return the data source
     */
    public static PGSimpleDataSource driverDataSource(ConnectionConfig connection, String user, Secret password) {
        return driverDataSource(connection, user, password, Pooler.DIRECT, false);
    }

    /**
     * A plain pgjdbc data source for a configuration behind a pooler, optionally with read-only sessions.
     *
     * @param connection       the connection configuration
     * @param user             the user to log in as
     * @param password         that user's password
     * @param pooler           what sits in front of the server
     * @param readOnlySessions start every session with {@code default_transaction_read_only=on} (replicas)
     * @return the data source
     */
    public static PGSimpleDataSource driverDataSource(ConnectionConfig connection, String user, Secret password,
            Pooler pooler, boolean readOnlySessions) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(connection.url());
        dataSource.setUser(user);
        if (!password.isEmpty()) {
            dataSource.setPassword(password.reveal());
        }
        driverProperties(connection, pooler, readOnlySessions).forEach((name, value) -> {
            try {
                dataSource.setProperty(name.toString(), value.toString());
            } catch (SQLException e) {
                throw new IllegalStateException("pgjdbc rejected property " + name, e);
            }
        });
        connection.secretParameters().forEach((name, secret) -> {
            try {
                dataSource.setProperty(name, secret.reveal());
            } catch (SQLException e) {
                throw new IllegalStateException("pgjdbc rejected property " + name, e);
            }
        });
        return dataSource;
    }

    /**
     * The outage the pool is waiting out, if any: the server has refused new connections for this long.
     *
     * @param pool a pool opened by {@link #open}
     * @return the outage's length and last reason, or empty when the last connection attempt worked
     */
    public static Optional<Outage> outage(HikariDataSource pool) {
        return pool instanceof LumenPool lumen ? lumen.connections().outage().map(o -> new Outage(o.duration(),
                o.reason())) : Optional.empty();
    }

    /**
     * A connection from the pool, waiting at most {@code timeout} (health checks must answer quickly even when
     * the pool's acquire timeout is long).
     *
     * @param pool    the pool
     * @param timeout the longest wait
     * @return a connection
     * @throws SQLException when none came in time
     */
    public static Connection borrow(HikariDataSource pool, Duration timeout) throws SQLException {
        if (pool.getHikariPoolMXBean() instanceof HikariPool hikari) {
            return hikari.getConnection(Math.max(250, timeout.toMillis()));
        }
        return pool.getConnection();
    }

    /**
     * An outage of the server as the pool sees it.
     *
     * @param duration since when new connections fail
     * @param reason   the last failure, one line, secrets masked
     */
    public record Outage(Duration duration, String reason) {
    }

    /** The pool: closing it first ends the connection source's waits, so shutdown never waits for an outage. */
    private static final class LumenPool extends HikariDataSource {
        private final ServerDataSource connections;

        LumenPool(HikariConfig config, ServerDataSource connections) {
            super(config);
            this.connections = connections;
        }

        ServerDataSource connections() {
            return connections;
        }

        @Override
        public void close() {
            connections.close();
            super.close();
        }
    }

    /**
     * The pgjdbc properties for a connection configuration (also used by the migrator's own connections).
     *
     * @param connection the connection configuration
     * @return driver properties, without user, password and other secrets
     */
    public static Properties driverProperties(ConnectionConfig connection) {
        return driverProperties(connection, Pooler.DIRECT, false);
    }

    /**
     * The pgjdbc properties behind a pooler. With PgBouncer in transaction mode a server session serves many
     * clients, so nothing session-level is sent (no {@code options}: the statement timeout becomes each
     * transaction's {@code SET LOCAL}), and server-side prepared statements are off ({@code prepareThreshold=0},
     * PgBouncer before 1.21 would run them on another server session) unless the URL sets its own threshold.
     *
     * @param connection       the connection configuration
     * @param pooler           what sits in front of the server
     * @param readOnlySessions add {@code default_transaction_read_only=on} to the session options (replicas,
     *                         direct connections only)
     * @return driver properties, without user, password and other secrets
     */
    public static Properties driverProperties(ConnectionConfig connection, Pooler pooler, boolean readOnlySessions) {
        Properties properties = driverPropertiesDirect(connection, readOnlySessions);
        if (pooler == Pooler.PGBOUNCER_TRANSACTION) {
            properties.remove("options");
            if (!connection.url().matches("(?i).*[?&]prepareThreshold=.*")) {
                properties.setProperty("prepareThreshold", "0");
            }
        }
        return properties;
    }

    private static Properties driverPropertiesDirect(ConnectionConfig connection, boolean readOnlySessions) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(ceilSeconds(connection.connectTimeout())));
        properties.setProperty("loginTimeout", Long.toString(ceilSeconds(connection.connectTimeout())));
        properties.setProperty("socketTimeout", Long.toString(ceilSeconds(connection.socketTimeout())));
        properties.setProperty("tcpKeepAlive", Boolean.toString(connection.tcpKeepAlive()));
        properties.setProperty("reWriteBatchedInserts", Boolean.toString(connection.reWriteBatchedInserts()));
        properties.setProperty("ApplicationName", connection.applicationName());
        properties.setProperty("sslmode", connection.sslMode().driverValue());
        if (connection.sslRootCert() != null) {
            properties.setProperty("sslrootcert", connection.sslRootCert().toString());
        }
        // Server DETAIL lines repeat key values and row contents: keep them out of exception messages.
        properties.setProperty("logServerErrorDetail", "false");
        java.util.List<String> options = new java.util.ArrayList<>(2);
        if (!connection.statementTimeout().isZero()) {
            options.add(String.format(Locale.ROOT, "-c statement_timeout=%d", connection.statementTimeout().toMillis()));
        }
        if (readOnlySessions) {
            // A write misrouted to a replica (or to a server that is no standby any more) fails, never succeeds.
            options.add("-c default_transaction_read_only=on");
        }
        if (!options.isEmpty()) {
            properties.setProperty("options", String.join(" ", options));
        }
        return properties;
    }

    /**
     * The pool's current state.
     *
     * @param pool the pool
     * @return a snapshot
     */
    public static PoolState state(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolState(0, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolState(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    private static long ceilSeconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis + 999) / 1000;
    }
}
