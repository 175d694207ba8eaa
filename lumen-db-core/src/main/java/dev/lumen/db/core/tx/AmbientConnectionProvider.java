package dev.lumen.db.core.tx;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * The shared {@code DSLContext}'s connections: the ambient transaction's while the thread is in one (left open
 * on release), otherwise the pool's (closed, that is returned, on release).
 */
final class AmbientConnectionProvider implements ConnectionProvider {

    private final DataSource pool;
    private final AmbientTransactions ambient;

    AmbientConnectionProvider(DataSource pool, AmbientTransactions ambient) {
        this.pool = pool;
        this.ambient = ambient;
    }

    @Override
    public Connection acquire() {
        AmbientTransaction transaction = ambient.current();
        if (transaction != null) {
            return transaction.connection();
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            // As jOOQ's DataSourceConnectionProvider: the execute listeners translate it by its SQLSTATE.
            throw new DataAccessException("Error getting connection from data source " + pool, e);
        }
    }

    @Override
    public void release(Connection connection) {
        AmbientTransaction transaction = ambient.current();
        if (transaction != null && transaction.connection() == connection) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("Error closing connection " + connection, e);
        }
    }
}
