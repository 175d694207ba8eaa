package dev.lumen.db.core.pool;

import dev.lumen.db.core.config.PostgresUrl;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connections under the pool. Once the pool runs, a connection attempt that fails because the server is
 * down or restarting does not fail at once: it tries again every {@link #RETRY_INTERVAL} until the server
 * accepts it (or the pool closes). HikariCP's own retries back off up to 5 s between attempts, so after an
 * outage of a few seconds the pool would come back up to 5 s late; waiting here instead brings the first
 * connection within one retry interval of the server accepting connections. Only HikariCP's connection-adder
 * thread calls this, so waiting blocks no caller: callers wait for a connection with the pool's acquire timeout
 * as usual. The outage (since when, why) is kept for health checks, which report DOWN without waiting.
 */
final class ServerDataSource implements DataSource {

    /** How often a down server is tried again. */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final PGSimpleDataSource driver;
    private final String server;
    private volatile boolean patient;
    private volatile boolean closed;
    private volatile long unreachableSince;
    private volatile @Nullable String lastFailure;

    ServerDataSource(PGSimpleDataSource driver, String server) {
        this.driver = driver;
        this.server = server;
    }

    /** From now on, wait out outages instead of failing the attempt (start-up itself must fail fast). */
    void waitOutOutages() {
        patient = true;
    }

    /** Stops every wait, so the pool can shut down at once. */
    void close() {
        closed = true;
    }

    /** The ongoing outage: how long the server has refused connections and the last reason. */
    Optional<Outage> outage() {
        long since = unreachableSince;
        String reason = lastFailure;
        return since == 0 || reason == null ? Optional.empty()
                : Optional.of(new Outage(Duration.ofNanos(System.nanoTime() - since), reason));
    }

    /**
     * An outage seen by the pool.
     *
     * @param duration how long attempts have failed
     * @param reason   the last failure, one line, without secrets
     */
    record Outage(Duration duration, String reason) {
    }

    @Override
    public Connection getConnection() throws SQLException {
        while (true) {
            try {
                Connection connection = driver.getConnection();
                unreachableSince = 0;
                lastFailure = null;
                return connection;
            } catch (SQLException e) {
                if (unreachableSince == 0) {
                    unreachableSince = System.nanoTime();
                }
                lastFailure = PostgresUrl.mask(String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                        + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"));
                if (!patient || closed || !serverDown(e) || !pause()) {
                    throw e;
                }
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_INTERVAL);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Refused, reset, starting up, shutting down or full: worth trying again soon. Login and TLS trouble are not. */
    private static boolean serverDown(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getCause() instanceof java.io.IOException;
        }
        return switch (state) {
            case "08001", "08006", "57P01", "57P02", "57P03", "53300" -> !mentionsTls(e);
            default -> false;
        };
    }

    private static boolean mentionsTls(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("ssl") || message.contains("certificate");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pool's credentials are set on the data source");
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Logging goes through SLF4J.
    }

    /** Ignored: pgjdbc's own connectTimeout and loginTimeout come from lumen.db.connect-timeout. */
    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** Names the server only: no URL parameters, no credentials. */
    @Override
    public String toString() {
        return "ServerDataSource[" + server + "]";
    }
}
