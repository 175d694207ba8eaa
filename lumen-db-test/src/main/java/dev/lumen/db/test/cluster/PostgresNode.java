package dev.lumen.db.test.cluster;

import dev.lumen.db.test.cluster.Processes.Running;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL server of a {@link PostgresCluster}: its data directory, loopback port and process, and the
 * controls a replication test needs (pause and resume replay, cut and restore the replication connection,
 * promote, stop fast or immediately, restart as a standby). Connections are made as the superuser
 * {@code postgres} under trust authentication.
 */
public final class PostgresNode {

    /** The superuser every node is initialised with. */
    public static final String SUPERUSER = "postgres";
    /** Every node listens on this loopback address only. */
    public static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path dataDirectory;
    private final Path log;
    private int port;
    private @Nullable Running process;
    private @Nullable String primaryConnInfo;

    PostgresNode(String name, Path dataDirectory, Path log, int port) {
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.port = port;
    }

    /** How to stop a server. */
    public enum StopMode {
        /** Disconnect clients, roll back open transactions, checkpoint, exit ({@code SIGINT}). */
        FAST("INT"),
        /** Exit at once without a checkpoint, as a crash would; the next start replays the WAL ({@code SIGQUIT}). */
        IMMEDIATE("QUIT");

        private final String signal;

        StopMode(String signal) {
            this.signal = signal;
        }
    }

    /**
     * The node's name in logs and messages ({@code primary}, {@code replica1}, ...).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The loopback port; it stays the same across restarts.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * {@code 127.0.0.1:port}: also the {@code application_name} a replica streams under, so it is what the
     * primary's {@code pg_stat_replication} lists and what {@code synchronous_standby_names} names.
     *
     * @return host and port
     */
    public String hostAndPort() {
        return HOST + ":" + port;
    }

    /**
     * The JDBC URL of a database on this node, without credentials.
     *
     * @param database the database
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostAndPort() + "/" + database;
    }

    /**
     * Superuser connections to a database on this node.
     *
     * @param database the database
     * @return a data source (no pool)
     */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(SUPERUSER);
        dataSource.setConnectTimeout(5);
        dataSource.setApplicationName("lumen-db-test-cluster");
        return dataSource;
    }

    /**
     * The server's log file (PostgreSQL's own output).
     *
     * @return the path
     */
    public Path log() {
        return log;
    }

    /**
     * The data directory.
     *
     * @return the path
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Whether the server process is running.
     *
     * @return true while it runs
     */
    public boolean running() {
        Running current = process;
        return current != null && current.alive();
    }

    /**
     * The postmaster's process id while it runs.
     *
     * @return the pid, or -1 when stopped
     */
    public long processId() {
        Running current = process;
        return current != null && current.alive() ? current.pid() : -1;
    }

    /** Starts the server on its data directory and waits until it accepts connections. */
    public synchronized void start() {
        if (running()) {
            throw new IllegalStateException(name + " is already running");
        }
        for (int attempt = 1; ; attempt++) {
            List<String> args = new ArrayList<>(List.of("-D", dataDirectory.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=" + HOST, "-c", "unix_socket_directories="));
            process = Processes.start(PostgresBinaries.command("postgres", args), log, StopMode.IMMEDIATE.signal);
            try {
                awaitReady();
                return;
            } catch (IllegalStateException e) {
                if (running() || attempt >= 5 || !logTail().contains("could not bind")) {
                    stop(StopMode.IMMEDIATE);
                    throw e;
                }
                // Someone took the port between choosing and binding it: take another.
                port = freePort();
            }
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!running()) {
                throw new IllegalStateException(name + " exited during start-up: " + logTail());
            }
            try (Connection connection = dataSource("postgres").getConnection()) {
                connection.isValid(5);
                return;
            } catch (SQLException e) {
                last = e;
                Processes.sleep(50);
            }
        }
        throw new IllegalStateException(name + " did not accept connections within " + START_TIMEOUT + ": "
                + (last == null ? "" : last.getMessage()) + "; log: " + logTail());
    }

    /**
     * Stops the server, keeping its data for {@link #start()}.
     *
     * @param mode fast or immediate
     */
    public synchronized void stop(StopMode mode) {
        Running current = process;
        process = null;
        if (current == null || !current.alive()) {
            return;
        }
        if (!current.signalAndWait(mode.signal, Duration.ofSeconds(60))) {
            current.signalAndWait("KILL", Duration.ofSeconds(10));
        }
    }

    /**
     * Whether the server is a standby ({@code pg_is_in_recovery()}).
     *
     * @return true for a standby
     */
    public boolean inRecovery() {
        return queryBoolean("SELECT pg_is_in_recovery()");
    }

    /**
     * The primary's current WAL write position ({@code pg_current_wal_lsn()}).
     *
     * @return the byte position
     */
    public long currentLsn() {
        return Lsn.parse(queryText("SELECT pg_current_wal_lsn()::text"));
    }

    /**
     * How far a standby has replayed ({@code pg_last_wal_replay_lsn()}).
     *
     * @return the byte position; 0 before the first replay
     */
    public long replayLsn() {
        return Lsn.parse(queryText("SELECT pg_last_wal_replay_lsn()::text"));
    }

    /** Pauses WAL replay on this standby ({@code pg_wal_replay_pause()}): it keeps receiving, stops applying. */
    public void pauseReplay() {
        queryText("SELECT pg_wal_replay_pause()::text");
    }

    /** Resumes WAL replay ({@code pg_wal_replay_resume()}). */
    public void resumeReplay() {
        queryText("SELECT pg_wal_replay_resume()::text");
    }

    /**
     * Whether replay is paused.
     *
     * @return true when paused
     */
    public boolean replayPaused() {
        return queryBoolean("SELECT pg_is_wal_replay_paused()");
    }

    /**
     * Cuts this standby off its primary: the WAL receiver stops and is not restarted (empty
     * {@code primary_conninfo}), as a network partition between the two would.
     */
    public void cutReplication() {
        setConnInfo("");
    }

    /** Reconnects this standby to its primary after {@link #cutReplication()}. */
    public void restoreReplication() {
        if (primaryConnInfo == null) {
            throw new IllegalStateException(name + " has no primary to reconnect to");
        }
        setConnInfo(primaryConnInfo);
    }

    /**
     * Makes this standby follow another primary (after a failover), with its own replication slot there.
     *
     * @param primary the new primary
     */
    public void follow(PostgresNode primary) {
        String slot = slotName();
        primary.createSlot(slot);
        primaryConnInfo = connInfoFor(primary);
        execute("ALTER SYSTEM SET primary_slot_name = {0}", slot);
        setConnInfo(primaryConnInfo);
    }

    /**
     * Promotes this standby to a primary and waits until it accepts writes.
     */
    public void promote() {
        if (!queryBoolean("SELECT pg_promote(true, 60)")) {
            throw new IllegalStateException(name + " was not promoted within 60 s");
        }
        primaryConnInfo = null;
    }

    /**
     * Restarts this node as a standby that follows nobody (a demoted old primary: read-only, serving what it
     * has). Stops it first if it still runs.
     */
    public void restartAsStandby() {
        stop(StopMode.FAST);
        try {
            Files.writeString(dataDirectory.resolve("standby.signal"), "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        setConnInfo("");
    }

    /**
     * Waits until this standby has replayed a position.
     *
     * @param position the WAL byte position
     * @param timeout  the longest wait
     */
    public void awaitReplay(long position, Duration timeout) {
        awaitCondition(() -> replayLsn() >= position, timeout, name + " replaying " + Lsn.format(position));
    }

    /**
     * Waits until a condition holds.
     *
     * @param condition the condition
     * @param timeout   the longest wait
     * @param what      what is awaited, for the failure message
     */
    static void awaitCondition(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what);
            }
            Processes.sleep(10);
        }
    }

    void configureAsReplicaOf(PostgresNode primary) throws IOException {
        primaryConnInfo = connInfoFor(primary);
        Files.writeString(dataDirectory.resolve("standby.signal"), "", StandardCharsets.UTF_8);
        // A fresh auto.conf: the primary's own ALTER SYSTEM settings (synchronous_standby_names) must not follow
        // the copy, or a promoted replica would wait for standbys it does not have.
        Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), "primary_conninfo = '" + primaryConnInfo
                + "'\nprimary_slot_name = '" + slotName() + "'\n", StandardCharsets.UTF_8);
    }

    String slotName() {
        return "lumen_" + name;
    }

    void createSlot(String slot) {
        try (Connection connection = dataSource("postgres").getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT slot_name FROM pg_create_physical_replication_slot(?, true)"
                                + " WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)")) {
            statement.setString(1, slot);
            statement.setString(2, slot);
            statement.execute();
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create slot " + slot + " on " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private String connInfoFor(PostgresNode primary) {
        return "host=" + HOST + " port=" + primary.port() + " user=" + SUPERUSER + " application_name=" + hostAndPort()
                + " connect_timeout=2";
    }

    private void setConnInfo(String connInfo) {
        execute("ALTER SYSTEM SET primary_conninfo = {0}", connInfo);
        queryBoolean("SELECT pg_reload_conf()");
    }

    /**
     * Runs a statement template on the {@code postgres} database; {@code {0}} is filled with a quoted literal.
     *
     * @param template the statement, for example {@code ALTER SYSTEM SET x = {0}}
     * @param literal  the value
     */
    public void execute(String template, String literal) {
        try (Connection connection = dataSource("postgres").getConnection()) {
            DSL.using(connection, SQLDialect.POSTGRES).query(template, DSL.inline(literal)).execute();
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a one-value query on the {@code postgres} database.
     *
     * @param sql the query
     * @return the first column of the first row as text
     */
    public @Nullable String queryText(String sql) {
        try (Connection connection = dataSource("postgres").getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private boolean queryBoolean(String sql) {
        String value = queryText(sql);
        return "t".equals(value) || "true".equals(value);
    }

    /**
     * The last lines of the server log, for failure messages.
     *
     * @return up to 2,000 characters
     */
    public String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + hostAndPort();
    }
}
