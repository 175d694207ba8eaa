package dev.lumen.db.core.tx;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a transaction's connection comes from. Over one pool every transaction gets a connection of that pool;
 * with read replicas (lumen-db's router) a read-only transaction gets a replica's, one with a
 * {@link ConsistencyToken} a replica's that has replayed it, and the rest the primary's.
 */
public interface TxConnections {

    /**
     * A connection for a transaction with these options (auto-commit still on).
     *
     * @param options the transaction's options
     * @return the connection; the caller closes it
     * @throws SQLException when none could be had
     */
    Connection open(TxOptions options) throws SQLException;

    /**
     * Takes a connection out of service for good instead of returning it to its pool: it was found on a server that
     * refuses writes (a demoted primary behind the URL), so it must never serve another transaction.
     *
     * @param connection a connection {@link #open} returned
     */
    void evict(Connection connection);

    /**
     * Every transaction on one data source; {@link #evict} just closes.
     *
     * @param dataSource the pool
     * @return the connections
     */
    static TxConnections of(DataSource dataSource) {
        return new TxConnections() {
            @Override
            public Connection open(TxOptions options) throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void evict(Connection connection) {
                if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
                    pool.evictConnection(connection);
                    return;
                }
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Already gone.
                }
            }
        };
    }
}
