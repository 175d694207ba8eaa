package dev.lumen.db.core.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.core.tx.TxConnections;
import dev.lumen.db.core.tx.TxOptions;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections of the primary's pool that are really on a primary. pgjdbc's multi-host URL checks a server's role
 * only when it opens a connection; a pooled connection can outlive that (a pooler in front of a demoted server).
 * PostgreSQL 14+ reports {@code in_hot_standby} to every session, so a borrowed connection on a standby is seen
 * without a round trip and evicted, never used; a write refused with SQLSTATE 25006 evicts its connection too.
 */
public final class PrimaryConnections implements TxConnections {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryConnections.class);
    private static final int ATTEMPTS = 3;

    private final HikariDataSource pool;

    /**
     * Connections of a pool.
     *
     * @param pool the primary's pool
     */
    public PrimaryConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection open(TxOptions options) throws SQLException {
        // A plain read may run on whatever the URL leads to; a write, or a read that must see a write, may not.
        return options.readOnly() && options.after() == null ? pool.getConnection() : borrow();
    }

    /**
     * A connection on a server that is not in hot standby.
     *
     * @return the connection
     * @throws SQLException when the pool has none
     */
    public Connection borrow() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Connection connection = pool.getConnection();
            if (!onStandby(connection)) {
                return connection;
            }
            LOG.warn("A pooled connection of the primary is on a server in hot standby (demoted?): evicted");
            pool.evictConnection(connection);
            if (attempt >= ATTEMPTS) {
                throw new UnavailableException("The primary's URL leads to a server in hot standby: no writes are"
                        + " sent there until a primary answers", "25006", null);
            }
        }
    }

    private static boolean onStandby(Connection connection) {
        try {
            return "on".equals(connection.unwrap(PGConnection.class).getParameterStatus("in_hot_standby"));
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }
}
