package dev.lumen.db.test;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A database that belongs to one test class: cloned from the migrated template before the class runs and
 * dropped after it.
 *
 * @param name       the database name
 * @param jdbcUrl    JDBC URL of the database, without credentials
 * @param user       user that owns it
 * @param password   that user's password, or {@code null} under trust authentication
 * @param dataSource plain (unpooled) connections to it
 */
public record TestDatabase(String name, String jdbcUrl, String user, @Nullable String password,
        DataSource dataSource) {

    /**
     * Opens a new connection; the caller closes it.
     *
     * @return a connection to this database
     * @throws SQLException when the server refuses
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "TestDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? null : "****") + "]";
    }
}
