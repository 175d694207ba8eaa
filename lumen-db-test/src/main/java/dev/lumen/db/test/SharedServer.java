package dev.lumen.db.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server of one JVM plus its migrated template database. Test databases are cloned from the template
 * with {@code CREATE DATABASE ... TEMPLATE}, which copies files instead of replaying migrations.
 */
final class SharedServer implements AutoCloseable {

    /** Environment variable naming an existing server to use instead of the embedded one. */
    static final String URL_VARIABLE = "LUMEN_DB_TEST_URL";
    /** Environment variable with the user for {@link #URL_VARIABLE}, when not in the URL. */
    static final String USER_VARIABLE = "LUMEN_DB_TEST_USER";
    /** Environment variable with the password for {@link #URL_VARIABLE}, when not in the URL. */
    static final String PASSWORD_VARIABLE = "LUMEN_DB_TEST_PASSWORD";
    /** System property with the Flyway locations of the migrations (default {@code classpath:db/migration}). */
    static final String LOCATIONS_PROPERTY = "lumen.db.test.locations";

    private static final Logger LOG = LoggerFactory.getLogger(SharedServer.class);

    private final TestServer server;
    private final String template;

    private SharedServer(TestServer server, String template) {
        this.server = server;
        this.template = template;
    }

    /** Starts (or connects to) the server and migrates a template database. */
    static SharedServer start() {
        long started = System.nanoTime();
        String url = setting(URL_VARIABLE);
        TestServer server = url == null
                ? EmbeddedTestServer.start()
                : new ExternalTestServer(url, setting(USER_VARIABLE), setting(PASSWORD_VARIABLE));
        long ready = System.nanoTime();
        String template = uniqueName("lumen_template_");
        try {
            execute(server, "CREATE DATABASE {0}", template, null);
            String locations = System.getProperty(LOCATIONS_PROPERTY, "classpath:db/migration");
            FluentConfiguration flyway = Flyway.configure(Thread.currentThread().getContextClassLoader())
                    .dataSource(server.database(template))
                    .locations(locations.split(","))
                    .cleanDisabled(true);
            // As at run time: no transactional advisory lock, so CREATE INDEX CONCURRENTLY can finish.
            flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
            int applied = flyway.load().migrate().migrationsExecuted;
            LOG.info("lumen-db-test: {} ready in {} ms; template {} migrated ({} migrations from {}) in {} ms",
                    server.description(), (ready - started) / 1_000_000, template, applied, locations,
                    (System.nanoTime() - ready) / 1_000_000);
            return new SharedServer(server, template);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Creates a database for one test class.
     *
     * @param migrated clone the migrated template, or start from PostgreSQL's empty {@code template0}
     * @return the new database
     */
    TestDatabase createDatabase(boolean migrated) {
        String name = uniqueName("lumen_test_");
        execute(server, "CREATE DATABASE {0} TEMPLATE {1}", name, migrated ? template : "template0");
        return new TestDatabase(name, server.jdbcUrl(name), server.user(), server.password(), server.database(name));
    }

    /** Drops a test database, disconnecting whatever the test left connected. */
    void dropDatabase(String name) {
        execute(server, "DROP DATABASE IF EXISTS {0} WITH (FORCE)", name, null);
    }

    @Override
    public void close() {
        try {
            dropDatabase(template);
        } finally {
            server.close();
        }
    }

    private static void execute(TestServer server, String sql, String name, @Nullable String other) {
        try (Connection connection = server.admin().getConnection()) {
            var dsl = DSL.using(connection, SQLDialect.POSTGRES);
            if (other == null) {
                dsl.query(sql, DSL.name(name)).execute();
            } else {
                dsl.query(sql, DSL.name(name), DSL.name(other)).execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lumen-db-test could not run '" + sql + "' on " + server.description()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String uniqueName(String prefix) {
        return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static @Nullable String setting(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
