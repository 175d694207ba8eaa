package dev.lumen.db.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A database that belongs to one test class: cloned from the migrated template before the class runs and
 * dropped after it.
 *
 * @param name               the database name
 * @param jdbcUrl            JDBC URL of the database, without credentials
 * @param user               user that owns it
 * @param password           that user's password, or {@code null} under trust authentication
 * @param dataSource         plain (unpooled) connections to it
 * @param migrationLocations the Flyway locations its template was migrated from (also recorded for a class with
 *                           {@code migrated = false}, which migrates the database itself)
 */
public record TestDatabase(String name, String jdbcUrl, String user, @Nullable String password,
        DataSource dataSource, List<String> migrationLocations) {

    /** Copies the locations, so the record stays immutable. */
    public TestDatabase {
        migrationLocations = List.copyOf(migrationLocations);
    }

    /**
     * A database whose migrations are the packaged ones ({@code classpath:db/migration}).
     *
     * @param name       the database name
     * @param jdbcUrl    JDBC URL of the database, without credentials
     * @param user       user that owns it
     * @param password   that user's password, or {@code null}
     * @param dataSource plain connections to it
     */
    public TestDatabase(String name, String jdbcUrl, String user, @Nullable String password, DataSource dataSource) {
        this(name, jdbcUrl, user, password, dataSource, List.of(SharedServer.DEFAULT_LOCATIONS));
    }

    /**
     * Opens a new connection; the caller closes it.
     *
     * @return a connection to this database
     * @throws SQLException when the server refuses
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * The {@code lumen.db.*} properties that point lumen-db's runtime at this database: URL, user, password
     * (when there is one) and the migration locations, so the runtime's migrator sees exactly the migrations this
     * database was made from (none pending). lumen-db-core reads them as overrides, so one line starts a
     * {@code LumenDb} on it:
     *
     * <pre>{@code
     * LumenDb db = LumenDb.start(DatabaseConfig.of(Environment.TEST, database.lumenDbProperties()), registry);
     * }</pre>
     *
     * The map holds the password in clear (the runtime needs it); do not log it.
     *
     * @return property name to value, in a stable order
     */
    public Map<String, String> lumenDbProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lumen.db.url", jdbcUrl);
        properties.put("lumen.db.user", user);
        if (password != null) {
            properties.put("lumen.db.password", password);
        }
        properties.put("lumen.db.migrations.locations", String.join(",", migrationLocations));
        return java.util.Collections.unmodifiableMap(properties);
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "TestDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? null : "****") + ", migrationLocations=" + migrationLocations
                + "]";
    }
}
