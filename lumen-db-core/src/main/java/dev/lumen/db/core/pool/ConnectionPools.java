package dev.lumen.db.core.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.PoolConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

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
        hikari.setJdbcUrl(connection.url());
        hikari.setUsername(connection.user());
        if (!connection.password().isEmpty()) {
            hikari.setPassword(connection.password().reveal());
        }
        hikari.setMaximumPoolSize(pool.maxSize());
        hikari.setMinimumIdle(pool.minIdle());
        hikari.setMaxLifetime(pool.maxLifetime().toMillis());
        hikari.setIdleTimeout(pool.idleTimeout().toMillis());
        hikari.setConnectionTimeout(pool.acquireTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(5_000, Math.max(250, pool.acquireTimeout().toMillis() - 1)));
        hikari.setLeakDetectionThreshold(pool.leakDetectionThreshold().toMillis());
        hikari.setAutoCommit(true);
        // Try the first connection once and fail start-up right away when it does not work.
        hikari.setInitializationFailTimeout(1);
        hikari.setDataSourceProperties(driverProperties(connection));
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(hikari);
    }

    /**
     * The pgjdbc properties for a connection configuration (also used by the migrator's own connections).
     *
     * @param connection the connection configuration
     * @return driver properties, without user and password
     */
    public static Properties driverProperties(ConnectionConfig connection) {
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
        if (!connection.statementTimeout().isZero()) {
            properties.setProperty("options", String.format(Locale.ROOT, "-c statement_timeout=%d",
                    connection.statementTimeout().toMillis()));
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
