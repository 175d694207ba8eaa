package dev.lumen.db.test.cluster;

import dev.lumen.db.test.cluster.Processes.Running;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PgBouncer process of a test's own, in front of one PostgreSQL server, configured from a generated ini: every
 * database of the server (a {@code *} entry), trust authentication for the superuser, transaction pooling with a
 * fixed number of server connections, and no reset between clients (so session state one client leaves on a
 * server connection is visible to the next, which is what the tests look for).
 *
 * <p>The binary is {@code lumen.db.test.pgbouncer} (system property), else {@code pgbouncer} on the {@code PATH}
 * or in {@code /usr/sbin}; Debian's package is PgBouncer 1.18. PgBouncer refuses to run as root: started as root,
 * it switches to the {@code postgres} user (or {@code nobody}) itself ({@code user =} in the ini).
 */
public final class PgBouncer implements AutoCloseable {

    /** System property naming the pgbouncer binary. */
    public static final String BINARY_PROPERTY = "lumen.db.test.pgbouncer";

    private static final Pattern VERSION = Pattern.compile("PgBouncer (\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private final Path directory;
    private final Path log;
    private final int port;
    private final String version;
    private final Running process;

    private PgBouncer(Path directory, Path log, int port, String version, Running process) {
        this.directory = directory;
        this.log = log;
        this.port = port;
        this.version = version;
        this.process = process;
    }

    /**
     * Why PgBouncer cannot run here, if it cannot (no binary found).
     *
     * @return the reason, or empty when {@link #start(String, int, Settings)} can work
     */
    public static Optional<String> unavailableReason() {
        return binary().isPresent() ? Optional.empty() : Optional.of("pgbouncer is not installed (looked for -D"
                + BINARY_PROPERTY + ", pgbouncer on the PATH and /usr/sbin/pgbouncer; on Debian: apt-get install"
                + " pgbouncer, which .ci/run does when it can)");
    }

    /**
     * How the pooler is configured.
     *
     * @param poolMode          {@code transaction}, {@code session} or {@code statement}
     * @param serverConnections server connections per database and user ({@code default_pool_size})
     * @param maxClients        client connections accepted ({@code max_client_conn})
     */
    public record Settings(String poolMode, int serverConnections, int maxClients) {

        /**
         * Transaction pooling with a given number of server connections and up to 1,000 clients.
         *
         * @param serverConnections the pool size per database
         * @return the settings
         */
        public static Settings transactionPooling(int serverConnections) {
            return new Settings("transaction", serverConnections, 1000);
        }
    }

    /**
     * Starts PgBouncer in front of a server and waits until it listens.
     *
     * @param serverHost the server's host
     * @param serverPort the server's port
     * @param settings   the pool settings
     * @return the running pooler
     * @throws IllegalStateException when PgBouncer is not installed (check {@link #unavailableReason()} first)
     */
    public static PgBouncer start(String serverHost, int serverPort, Settings settings) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(unavailableReason().orElseThrow()));
        String version = Processes.run(List.of(binary.toString(), "--version"), Duration.ofSeconds(10))
                .lines().findFirst().orElse("").strip();
        Path directory = Directories.create("pgbouncer");
        Path log = directory.resolve("pgbouncer.log");
        for (int attempt = 1; ; attempt++) {
            int port = PostgresNode.freePort();
            Path ini = writeConfig(directory, serverHost, serverPort, port, settings);
            Running process = Processes.start(List.of(binary.toString(), ini.toString()), log, "TERM");
            if (awaitListening(port, process)) {
                return new PgBouncer(directory, log, port, version, process);
            }
            process.signalAndWait("KILL", Duration.ofSeconds(5));
            String output = readLog(log);
            if (attempt >= 5 || !output.contains("Address already in use")) {
                Directories.delete(directory);
                throw new IllegalStateException("pgbouncer did not start: " + output);
            }
        }
    }

    private static Path writeConfig(Path directory, String serverHost, int serverPort, int port, Settings settings) {
        List<String> lines = new ArrayList<>(List.of(
                "[databases]",
                "* = host=" + serverHost + " port=" + serverPort,
                "[pgbouncer]",
                "listen_addr = " + PostgresNode.HOST,
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + directory.resolve("users.txt"),
                "admin_users = " + PostgresNode.SUPERUSER,
                "stats_users = " + PostgresNode.SUPERUSER,
                "pool_mode = " + settings.poolMode(),
                "default_pool_size = " + settings.serverConnections(),
                "min_pool_size = 0",
                "reserve_pool_size = 0",
                "max_client_conn = " + settings.maxClients(),
                // pgjdbc sends extra_float_digits at start-up; PgBouncer 1.18 refuses unknown startup parameters.
                "ignore_startup_parameters = extra_float_digits",
                "server_reset_query =",
                "server_check_delay = 1",
                "log_connections = 0",
                "log_disconnections = 0"));
        if (isRoot()) {
            lines.add("user = " + unprivilegedUser());
        }
        try {
            Files.writeString(directory.resolve("users.txt"), "\"" + PostgresNode.SUPERUSER + "\" \"\"\n",
                    StandardCharsets.UTF_8);
            Path ini = directory.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return ini;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean awaitListening(int port, Running process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && process.alive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(PostgresNode.HOST, port), 200);
                return true;
            } catch (IOException e) {
                Processes.sleep(20);
            }
        }
        return false;
    }

    private static Optional<Path> binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    candidates.add(Path.of(entry, "pgbouncer"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/pgbouncer"));
        candidates.add(Path.of("/usr/local/sbin/pgbouncer"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String unprivilegedUser() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                if (line.startsWith(PostgresNode.SUPERUSER + ":")) {
                    return PostgresNode.SUPERUSER;
                }
            }
        } catch (IOException e) {
            // Fall through.
        }
        return "nobody";
    }

    /**
     * The port PgBouncer listens on (loopback).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * What {@code pgbouncer --version} printed first, for example {@code PgBouncer 1.18.0}.
     *
     * @return the version line
     */
    public String version() {
        return version;
    }

    /**
     * Whether this PgBouncer handles protocol-level prepared statements in transaction mode (1.21 and newer, with
     * {@code max_prepared_statements}); older ones need {@code prepareThreshold=0} in pgjdbc.
     *
     * @return true from 1.21
     */
    public boolean supportsPreparedStatements() {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.find()) {
            return false;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major > 1 || major == 1 && minor >= 21;
    }

    /**
     * A JDBC URL of a database through this PgBouncer, with {@code prepareThreshold=0} (PgBouncer before 1.21
     * cannot keep server-side prepared statements across transactions).
     *
     * @param database the database
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + PostgresNode.HOST + ":" + port + "/" + database + "?prepareThreshold=0";
    }

    /**
     * Superuser connections to a database through this PgBouncer ({@code prepareThreshold=0}).
     *
     * @param database the database
     * @return a data source (no pool)
     */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {PostgresNode.HOST});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(PostgresNode.SUPERUSER);
        dataSource.setPrepareThreshold(0);
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    /**
     * PgBouncer's log (its stdout and stderr).
     *
     * @return the text so far
     */
    public String logText() {
        return readLog(log);
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops PgBouncer and deletes its folder. */
    @Override
    public void close() {
        if (!process.signalAndWait("TERM", Duration.ofSeconds(5))) {
            process.signalAndWait("KILL", Duration.ofSeconds(5));
        }
        Directories.delete(directory);
    }

    @Override
    public String toString() {
        return version + "@" + PostgresNode.HOST + ":" + port;
    }
}
