package dev.lumen.db.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server of a test's own, for what the shared server must not do: require passwords, stop while
 * clients are connected, restart on the same port and data. Stopped and deleted by {@link #close()}.
 */
public final class StandalonePostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String TERMINATE_BACKENDS = """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE application_name = {0} AND pid <> pg_backend_pid()
            """;

    private final Path dataDirectory;
    private final boolean passwordAuthentication;
    private final java.util.Map<String, String> serverConfig;
    private int port;
    private @Nullable EmbeddedPostgres server;

    private StandalonePostgres(Path dataDirectory, boolean passwordAuthentication,
            java.util.Map<String, String> serverConfig) {
        this.dataDirectory = dataDirectory;
        this.passwordAuthentication = passwordAuthentication;
        this.serverConfig = java.util.Map.copyOf(serverConfig);
    }

    /**
     * Starts a server with trust authentication.
     *
     * @return the running server
     */
    public static StandalonePostgres start() {
        return start(false);
    }

    /**
     * Starts a server.
     *
     * @param passwordAuthentication when true, TCP logins of every user but the superuser need a password
     *                               (scram-sha-256); create such users with {@link #createUser(String, String)}
     * @return the running server
     */
    public static StandalonePostgres start(boolean passwordAuthentication) {
        return start(passwordAuthentication, java.util.Map.of());
    }

    /**
     * Starts a server with extra {@code postgresql.conf} settings (for example {@code ssl=on} and its files).
     *
     * @param passwordAuthentication see {@link #start(boolean)}
     * @param serverConfig           setting name to value
     * @return the running server
     */
    public static StandalonePostgres start(boolean passwordAuthentication, java.util.Map<String, String> serverConfig) {
        try {
            StandalonePostgres postgres = new StandalonePostgres(Files.createTempDirectory("lumen-db-standalone-"),
                    passwordAuthentication, serverConfig);
            postgres.boot();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot() throws IOException {
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.resolve("data"))
                // Never let zonky delete the data on stop: restart() needs it; close() removes the folder.
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "off")
                // zonky turns synchronous_commit off; a crash (immediate stop) would then lose acknowledged
                // commits, which is exactly what fault tests must be able to rule out.
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .setRegisterShutdownHook(true);
        if (port != 0) {
            builder.setPort(port);
        }
        serverConfig.forEach(builder::setServerConfig);
        if (passwordAuthentication) {
            builder.setDataDirectoryCustomizer(directory -> writePasswordRules(directory.toPath()));
        }
        server = builder.start();
        port = server.getPort();
    }

    private static void writePasswordRules(Path directory) {
        String rules = """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """;
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), rules, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port the server listens on; it stays the same across {@link #restart()}.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The JDBC URL of a database, without credentials.
     *
     * @param database the database
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /**
     * Superuser connections to a database.
     *
     * @param database the database
     * @return a data source
     */
    public DataSource superuser(String database) {
        return running().getDatabase(SUPERUSER, database);
    }

    /**
     * Creates a login role with a password and a database it owns, named like the role.
     *
     * @param name     the role name
     * @param password its password
     */
    public void createUser(String name, String password) {
        try (Connection connection = superuser("postgres").getConnection()) {
            var dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.query("CREATE ROLE {0} LOGIN PASSWORD {1}", DSL.name(name), DSL.inline(password)).execute();
            dsl.query("CREATE DATABASE {0} OWNER {0}", DSL.name(name)).execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create role " + name, e);
        }
    }

    /** How to stop the server. */
    public enum StopMode {
        /** Disconnect clients, roll back, checkpoint, exit (pg_ctl -m fast). */
        FAST,
        /** Exit at once without a checkpoint, like a crash; the restart replays the WAL (pg_ctl -m immediate). */
        IMMEDIATE
    }

    /**
     * Stops the server, keeping its data for {@link #restart()}.
     *
     * @param mode fast or immediate
     */
    public void stop(StopMode mode) {
        if (mode == StopMode.FAST) {
            stop();
            return;
        }
        EmbeddedPostgres current = server;
        if (current == null) {
            return;
        }
        Path data = dataDirectory.resolve("data");
        try {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
            Path bin = Path.of(ProcessHandle.of(postmaster).flatMap(p -> p.info().command())
                    .orElseThrow(() -> new IllegalStateException("postmaster " + postmaster + " is not running")))
                    .getParent();
            java.util.List<String> command = new java.util.ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // pg_ctl refuses to run as root; like zonky, run it in a user namespace where we are not root.
                command.addAll(java.util.List.of("unshare", "-U"));
            }
            command.addAll(java.util.List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "stop", "-m",
                    "immediate", "-w"));
            Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(pgCtl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (pgCtl.waitFor() != 0) {
                throw new IllegalStateException("pg_ctl stop -m immediate failed with " + pgCtl.exitValue() + ": "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server = null;
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            // The server is already gone; zonky's own stop has nothing left to do.
        }
    }

    /**
     * Terminates every backend of an application ({@code pg_terminate_backend}), as an administrator or a
     * failover would.
     *
     * @param applicationName the {@code application_name} of the backends to kill
     * @return how many were terminated
     */
    public int terminateBackends(String applicationName) {
        try (Connection connection = superuser("postgres").getConnection()) {
            var dsl = DSL.using(connection, SQLDialect.POSTGRES);
            return dsl.resultQuery(TERMINATE_BACKENDS, DSL.val(applicationName)).fetchOne(0, Integer.class);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not terminate backends of " + applicationName, e);
        }
    }

    /** Stops the server (fast shutdown), keeping its data for {@link #restart()}. */
    public void stop() {
        EmbeddedPostgres current = server;
        server = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts the server again on the same port with the same data. */
    public void restart() {
        stop();
        try {
            boot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EmbeddedPostgres running() {
        EmbeddedPostgres current = server;
        if (current == null) {
            throw new IllegalStateException("The server is stopped");
        }
        return current;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftovers in the temp folder are harmless.
        }
    }
}
