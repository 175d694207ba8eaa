package dev.lumen.db.cli;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.migrate.Migrator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The database a command works on: the configuration resolved from the options, the embedded server when one
 * is needed (started here, stopped on close), and a {@link LumenDb} opened on first use.
 */
final class DatabaseSession implements AutoCloseable {

    /**
     * The command's socket timeout where the profile has none (dev, test): a server that stops answering ends the
     * command instead of hanging it for good, while a migration statement may still run for minutes.
     */
    static final java.time.Duration SOCKET_TIMEOUT = java.time.Duration.ofMinutes(5);

    private final DatabaseConfig config;
    private final @Nullable DevDatabase devDatabase;
    private final MeterRegistry registry;
    private @Nullable LumenDb db;

    private DatabaseSession(DatabaseConfig config, @Nullable DevDatabase devDatabase, MeterRegistry registry) {
        this.config = config;
        this.devDatabase = devDatabase;
        this.registry = registry;
    }

    /**
     * Resolves the options; starts the embedded development database when no connection is given.
     *
     * @param options  the connection options
     * @param progress where to show progress
     * @return the session
     */
    static DatabaseSession open(ConnectionOptions options, PrintWriter progress) {
        return open(options, progress, new SimpleMeterRegistry());
    }

    static DatabaseSession open(ConnectionOptions options, PrintWriter progress, MeterRegistry registry) {
        Map<String, String> overrides = new HashMap<>(migrationOverrides(options.migrations));
        ConfigLoader loader = ConfigLoader.fromSystem();
        String password = password(options);
        if (password != null) {
            overrides.put("lumen.db.password", password);
        }
        if (options.user != null) {
            overrides.put("lumen.db.user", options.user);
        }
        if (options.url != null) {
            overrides.put("lumen.db.url", options.url);
            Environment environment = options.environment != null ? options.environment : Environment.DEV;
            return new DatabaseSession(load(loader, overrides, environment), null, registry);
        }
        if (options.environment != null || System.getenv("LUMEN_DB_URL") != null) {
            Environment environment = options.environment != null ? options.environment : loader.environment();
            return new DatabaseSession(load(loader, overrides, environment), null, registry);
        }
        progress.print("Starting the embedded development database (" + options.dataDirectory + ")");
        progress.flush();
        DevDatabase dev = DevDatabase.start(options.dataDirectory, false, progress);
        try {
            overrides.put("lumen.db.url", dev.jdbcUrl());
            overrides.put("lumen.db.user", DevDatabase.USER);
            overrides.put("lumen.db.ssl.mode", "disable");
            return new DatabaseSession(load(loader, overrides, Environment.DEV), dev, registry);
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /** The configuration, with the command's finite socket timeout where the profile has none (prod has 60 s). */
    private static DatabaseConfig load(ConfigLoader loader, Map<String, String> overrides, Environment environment) {
        ConfigLoader command = environment == Environment.PROD ? loader
                : loader.withDefaults(Map.of("lumen.db.socket-timeout", SOCKET_TIMEOUT.toSeconds() + "s"));
        return command.withOverrides(overrides).load(environment);
    }

    /** Locations for the migrator: the given folder, else ./migrations when present, else the packaged scripts. */
    static Map<String, String> migrationOverrides(@Nullable Path folder) {
        Path chosen = folder != null ? folder : Files.isDirectory(Path.of("migrations")) ? Path.of("migrations") : null;
        if (chosen == null) {
            return Map.of();
        }
        return Map.of("lumen.db.migrations.locations", "filesystem:" + chosen.toAbsolutePath(),
                "lumen.db.migrations.directory", chosen.toString());
    }

    private static @Nullable String password(ConnectionOptions options) {
        if (options.password != null && options.password.length > 0) {
            return new String(options.password);
        }
        String fromEnvironment = System.getenv(options.passwordVariable);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    DatabaseConfig config() {
        return config;
    }

    /** Whether the command works on the embedded development database (started by this session). */
    boolean embedded() {
        return devDatabase != null;
    }

    /** The migrator, after one connection proved the server reachable (so failures there are connection errors). */
    Migrator migrator() {
        return db().migrator();
    }

    /** The running lumen-db, opened on first use. */
    LumenDb db() {
        LumenDb current = db;
        if (current == null) {
            current = LumenDb.start(config, registry);
            db = current;
        }
        return current;
    }

    @Override
    public void close() {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            if (devDatabase != null) {
                devDatabase.close();
            }
        }
    }
}
