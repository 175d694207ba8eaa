package dev.lumen.db.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The server of one JVM plus one migrated template database per set of migration locations. Test databases
 * are cloned from a template with {@code CREATE DATABASE ... TEMPLATE}, which copies files instead of replaying
 * migrations. Templates are made on first use: a run whose classes all use the default locations makes one.
 */
final class SharedServer implements AutoCloseable {

    /** Environment variable naming an existing server to use instead of the embedded one. */
    static final String URL_VARIABLE = "LUMEN_DB_TEST_URL";
    /** Environment variable with the user for {@link #URL_VARIABLE}, when not in the URL. */
    static final String USER_VARIABLE = "LUMEN_DB_TEST_USER";
    /** Environment variable with the password for {@link #URL_VARIABLE}, when not in the URL. */
    static final String PASSWORD_VARIABLE = "LUMEN_DB_TEST_PASSWORD";
    /**
     * System property with the default Flyway locations of the migrations, comma-separated (default
     * {@value #DEFAULT_LOCATIONS}); a class's {@link LumenDbTest#locations()} wins over it.
     */
    static final String LOCATIONS_PROPERTY = "lumen.db.test.locations";
    /** Where Flyway and lumen-db look by default: the migrations packaged on the classpath. */
    static final String DEFAULT_LOCATIONS = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(SharedServer.class);

    private final TestServer server;
    /** Template database per list of locations; guarded by itself, so two classes never migrate one twice. */
    private final Map<List<String>, String> templates = new ConcurrentHashMap<>();

    private SharedServer(TestServer server) {
        this.server = server;
    }

    /** Starts (or connects to) the server; templates are migrated when a class first needs them. */
    static SharedServer start() {
        long started = System.nanoTime();
        String url = setting(URL_VARIABLE);
        TestServer server = url == null
                ? EmbeddedTestServer.start()
                : new ExternalTestServer(url, setting(USER_VARIABLE), setting(PASSWORD_VARIABLE));
        LOG.info("lumen-db-test: {} ready in {} ms", server.description(), (System.nanoTime() - started) / 1_000_000);
        return new SharedServer(server);
    }

    /**
     * The locations a class's database is migrated from: its own, else the run's default.
     *
     * @param declared the class's {@link LumenDbTest#locations()}, possibly empty
     * @return the Flyway locations, never empty
     */
    static List<String> locations(String[] declared) {
        String[] chosen = declared.length > 0 ? declared
                : System.getProperty(LOCATIONS_PROPERTY, DEFAULT_LOCATIONS).split(",");
        List<String> locations = Arrays.stream(chosen).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("lumen-db-test: no migration locations in " + Arrays.toString(chosen));
        }
        return locations;
    }

    /**
     * Creates a database for one test class.
     *
     * @param locations the Flyway locations of its migrations
     * @param migrated  clone the template migrated from {@code locations}, or start from PostgreSQL's empty
     *                  {@code template0} (the locations are still recorded, for tests that migrate it themselves)
     * @return the new database
     */
    TestDatabase createDatabase(List<String> locations, boolean migrated) {
        String name = uniqueName("lumen_test_");
        execute(server, "CREATE DATABASE {0} TEMPLATE {1}", name, migrated ? template(locations) : "template0");
        return new TestDatabase(name, server.jdbcUrl(name), server.user(), server.password(), server.database(name),
                locations);
    }

    private String template(List<String> locations) {
        synchronized (templates) {
            String existing = templates.get(locations);
            if (existing != null) {
                return existing;
            }
            long started = System.nanoTime();
            String template = uniqueName("lumen_template_");
            execute(server, "CREATE DATABASE {0}", template, null);
            int applied;
            try {
                FluentConfiguration flyway = Flyway.configure(Thread.currentThread().getContextClassLoader())
                        .dataSource(server.database(template))
                        .locations(locations.toArray(String[]::new))
                        .cleanDisabled(true);
                // As at run time: no transactional advisory lock, so CREATE INDEX CONCURRENTLY can finish.
                flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
                applied = flyway.load().migrate().migrationsExecuted;
            } catch (RuntimeException e) {
                // A half-migrated template must never be cloned: the next class tries again and fails the same way.
                dropDatabase(template);
                throw e;
            }
            templates.put(locations, template);
            LOG.info("lumen-db-test: template {} migrated ({} migrations from {}) in {} ms", template, applied,
                    String.join(",", locations), (System.nanoTime() - started) / 1_000_000);
            return template;
        }
    }

    /** Drops a test database, disconnecting whatever the test left connected. */
    void dropDatabase(String name) {
        execute(server, "DROP DATABASE IF EXISTS {0} WITH (FORCE)", name, null);
    }

    @Override
    public void close() {
        try {
            synchronized (templates) {
                templates.values().forEach(this::dropDatabase);
            }
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
