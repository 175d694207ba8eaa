package dev.lumen.db.test.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary and N streaming replicas on loopback ports, started from the embedded PostgreSQL binaries (no Docker,
 * no installed PostgreSQL). Replicas are made the way the documentation's low-level base backup describes:
 * {@code pg_backup_start()}, a file copy of the data directory, {@code pg_backup_stop()}'s label, a
 * {@code standby.signal} and a {@code primary_conninfo}; each streams through a physical replication slot.
 *
 * <pre>{@code
 * try (PostgresCluster cluster = PostgresCluster.builder().replicas(2).start()) {
 *     String db = cluster.createDatabase("app");
 *     cluster.replica(0).pauseReplay();
 *     ...
 * }
 * }</pre>
 *
 * <p>Every node is stopped and its data deleted by {@link #close()}, by a shutdown hook, and (when the JVM is
 * killed) by the watchdog each server runs under.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);

    /** Settings of every node: what replication needs, and speed where a crash of the OS is not simulated. */
    private static final Map<String, String> BASE_SETTINGS = orderedMap(
            "wal_level", "replica",
            "max_wal_senders", "16",
            "max_replication_slots", "16",
            "hot_standby", "on",
            "hot_standby_feedback", "on",
            "wal_receiver_status_interval", "1s",
            "wal_receiver_timeout", "10s",
            // A standby retries a failed or changed WAL source after this (default 5 s): restores and follows are quick.
            "wal_retrieve_retry_interval", "100ms",
            // Tests crash the server process, never the machine: the page cache survives, fsync is not needed.
            "fsync", "off",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "shared_buffers", "32MB",
            "max_connections", "200",
            "max_wal_size", "256MB",
            "lc_messages", "C",
            "log_line_prefix", "%m [%p] %q%a ",
            "log_min_messages", "warning");

    private static final Object TEMPLATE_LOCK = new Object();
    private static @Nullable Path template;

    private final Path directory;
    private final List<PostgresNode> nodes;
    private volatile PostgresNode primary;

    private PostgresCluster(Path directory, PostgresNode primary, List<PostgresNode> replicas) {
        this.directory = directory;
        this.primary = primary;
        List<PostgresNode> all = new ArrayList<>();
        all.add(primary);
        all.addAll(replicas);
        this.nodes = List.copyOf(all);
    }

    /**
     * A cluster builder.
     *
     * @return a builder for a primary without replicas and the base settings
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PostgresCluster}. */
    public static final class Builder {
        private int replicas;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * How many streaming replicas to start.
         *
         * @param count 0 to 8
         * @return this builder
         */
        public Builder replicas(int count) {
            if (count < 0 || count > 8) {
                throw new IllegalArgumentException("replicas must be 0..8, got " + count);
            }
            this.replicas = count;
            return this;
        }

        /**
         * A {@code postgresql.conf} setting of every node.
         *
         * @param name  the setting
         * @param value its value
         * @return this builder
         */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * Starts the cluster: primary first, then the replicas from one base backup, then waits until each streams.
         *
         * @return the running cluster
         */
        public PostgresCluster start() {
            return PostgresCluster.start(replicas, settings);
        }
    }

    private static PostgresCluster start(int replicaCount, Map<String, String> settings) {
        long started = System.nanoTime();
        Path directory = Directories.create("cluster");
        List<PostgresNode> created = new ArrayList<>();
        try {
            PostgresNode primary = node("primary", directory);
            created.add(primary);
            copy(template(), primary.dataDirectory(), Set.of());
            appendSettings(primary.dataDirectory(), settings);
            long copied = System.nanoTime();
            primary.start();
            long primaryUp = System.nanoTime();
            List<PostgresNode> replicas = new ArrayList<>();
            for (int i = 1; i <= replicaCount; i++) {
                PostgresNode replica = node("replica" + i, directory);
                created.add(replica);
                replicas.add(replica);
            }
            if (!replicas.isEmpty()) {
                baseBackup(primary, replicas);
                LOG.info("lumen-db-test: template copied in {} ms, primary started in {} ms, base backup copied in {} ms",
                        (copied - started) / 1_000_000, (primaryUp - copied) / 1_000_000,
                        (System.nanoTime() - primaryUp) / 1_000_000);
                CompletableFuture.allOf(replicas.stream()
                        .map(replica -> CompletableFuture.runAsync(replica::start))
                        .toArray(CompletableFuture[]::new)).join();
            }
            PostgresCluster cluster = new PostgresCluster(directory, primary, replicas);
            cluster.awaitStreaming(Duration.ofSeconds(60));
            LOG.info("lumen-db-test: cluster of 1 primary + {} replicas up in {} ms ({})", replicaCount,
                    (System.nanoTime() - started) / 1_000_000, cluster.nodes);
            return cluster;
        } catch (RuntimeException | IOException e) {
            created.forEach(node -> node.stop(PostgresNode.StopMode.IMMEDIATE));
            Directories.delete(directory);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private static PostgresNode node(String name, Path directory) throws IOException {
        Path data = directory.resolve(name);
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return new PostgresNode(name, data, directory.resolve(name + ".log"), PostgresNode.freePort());
    }

    /** One backup window, copied once per replica: every copy is a valid base backup of the same start point. */
    private static void baseBackup(PostgresNode primary, List<PostgresNode> replicas) throws IOException {
        for (PostgresNode replica : replicas) {
            primary.createSlot(replica.slotName());
        }
        try (Connection connection = primary.dataSource("postgres").getConnection()) {
            try (PreparedStatement start = connection.prepareStatement("SELECT pg_backup_start(?, true)")) {
                start.setString(1, "lumen-db-test");
                start.execute();
            }
            CompletableFuture.allOf(replicas.stream().map(replica -> CompletableFuture.runAsync(() -> {
                try {
                    copy(primary.dataDirectory(), replica.dataDirectory(), EXCLUDED_FROM_BACKUP);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).toArray(CompletableFuture[]::new)).join();
            try (PreparedStatement stop = connection.prepareStatement(
                    "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)");
                    ResultSet rows = stop.executeQuery()) {
                rows.next();
                String label = rows.getString(1);
                String map = rows.getString(2);
                for (PostgresNode replica : replicas) {
                    Files.writeString(replica.dataDirectory().resolve("backup_label"), label, StandardCharsets.UTF_8);
                    if (map != null && !map.isEmpty()) {
                        Files.writeString(replica.dataDirectory().resolve("tablespace_map"), map, StandardCharsets.UTF_8);
                    }
                    replica.configureAsReplicaOf(primary);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Base backup of " + primary + " failed: " + e.getMessage(), e);
        }
    }

    /** What the documentation says a base backup leaves out (or keeps only as empty folders). */
    private static final Set<String> EXCLUDED_FROM_BACKUP = Set.of("postmaster.pid", "postmaster.opts",
            "pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp",
            "pg_subtrans", "pgsql_tmp", "backup_label", "tablespace_map", "current_logfiles", "postgresql.auto.conf.tmp");

    private static void copy(Path source, Path target, Set<String> emptied) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                Path destination = target.resolve(relative.toString());
                boolean underEmptied = relative.getNameCount() > 1 && emptied.contains(relative.getName(0).toString());
                try {
                    if (Files.isDirectory(path)) {
                        if (!underEmptied || relative.getName(0).toString().equals("pg_wal")) {
                            Files.createDirectories(destination);
                        }
                    } else if (!underEmptied && !emptied.contains(relative.toString())) {
                        Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (NoSuchFileException e) {
                    // Removed by the running server during the copy; the WAL replay recreates what matters.
                }
            }
        }
    }

    private static Path template() throws IOException {
        synchronized (TEMPLATE_LOCK) {
            if (template == null) {
                long started = System.nanoTime();
                Path data = Directories.create("template").resolve("data");
                Processes.run(PostgresBinaries.command("initdb", List.of("-D", data.toString(), "-A", "trust", "-U",
                        PostgresNode.SUPERUSER, "-E", "UTF-8", "--locale=C", "--no-sync", "--no-instructions",
                        // 1 MB WAL segments: a cluster's folders are 15 MB smaller, so copies (the start-up cost) are quicker.
                        "--wal-segsize=1")),
                        Duration.ofSeconds(120));
                appendSettings(data, BASE_SETTINGS);
                template = data;
                LOG.info("lumen-db-test: initdb of the cluster template in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
            return template;
        }
    }

    private static void appendSettings(Path data, Map<String, String> settings) throws IOException {
        if (settings.isEmpty()) {
            return;
        }
        String lines = settings.entrySet().stream()
                .map(e -> e.getKey() + " = '" + e.getValue().replace("'", "''") + "'")
                .collect(Collectors.joining("\n", "\n# lumen-db-test\n", "\n"));
        Files.writeString(data.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /**
     * The current primary (changes after {@link #failover(PostgresNode, PostgresNode.StopMode)}).
     *
     * @return the primary
     */
    public PostgresNode primary() {
        return primary;
    }

    /**
     * Every node but the current primary, in creation order.
     *
     * @return the replicas
     */
    public List<PostgresNode> replicas() {
        PostgresNode current = primary;
        return nodes.stream().filter(node -> node != current).toList();
    }

    /**
     * A replica by index.
     *
     * @param index 0-based, in creation order
     * @return the replica
     */
    public PostgresNode replica(int index) {
        return replicas().get(index);
    }

    /**
     * Every node, primary first.
     *
     * @return the nodes
     */
    public List<PostgresNode> nodes() {
        return nodes;
    }

    /**
     * A multi-host JDBC URL of every node with {@code targetServerType=primary}: pgjdbc connects to whichever
     * node is the primary when a connection is opened.
     *
     * @param database the database
     * @return the URL
     */
    public String primaryUrl(String database) {
        return "jdbc:postgresql://" + nodes.stream().map(PostgresNode::hostAndPort).collect(Collectors.joining(","))
                + "/" + database + "?targetServerType=primary&hostRecheckSeconds=1";
    }

    /**
     * Creates a database on the primary and waits until every running replica has it.
     *
     * @param name the database name
     * @return the name
     */
    public String createDatabase(String name) {
        try (Connection connection = primary.dataSource("postgres").getConnection()) {
            DSL.using(connection, SQLDialect.POSTGRES).query("CREATE DATABASE {0}", DSL.name(name)).execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        awaitReplicasCaughtUp(Duration.ofSeconds(30));
        return name;
    }

    /**
     * Makes commits on the primary wait for standbys ({@code synchronous_standby_names = 'ANY n (...)'}); an empty
     * list turns synchronous replication off.
     *
     * @param count    how many of the standbys must confirm
     * @param standbys the standbys that count
     */
    public void synchronousStandbys(int count, List<PostgresNode> standbys) {
        String names = standbys.isEmpty() ? "" : "ANY " + count + " (" + standbys.stream()
                .map(node -> "\"" + node.hostAndPort() + "\"").collect(Collectors.joining(", ")) + ")";
        primary.execute("ALTER SYSTEM SET synchronous_standby_names = {0}", names);
        primary.queryText("SELECT pg_reload_conf()::text");
    }

    /**
     * Waits until every running, connected replica has replayed the primary's current position.
     *
     * @param timeout the longest wait
     */
    public void awaitReplicasCaughtUp(Duration timeout) {
        long target = primary.currentLsn();
        for (PostgresNode replica : replicas()) {
            if (replica.running()) {
                replica.awaitReplay(target, timeout);
            }
        }
    }

    private void awaitStreaming(Duration timeout) {
        for (PostgresNode replica : replicas()) {
            PostgresNode.awaitCondition(() -> "streaming".equals(streamingState(replica)), timeout,
                    replica.name() + " streaming from " + primary.name());
        }
    }

    /**
     * The replication state the primary reports for a replica ({@code pg_stat_replication.state}).
     *
     * @param replica the replica
     * @return {@code streaming}, {@code catchup}, ... or {@code null} when it is not connected
     */
    public @Nullable String streamingState(PostgresNode replica) {
        try (Connection connection = primary.dataSource("postgres").getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT state FROM pg_stat_replication WHERE application_name = ?")) {
            statement.setString(1, replica.hostAndPort());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Fails over: stops the primary (a failover manager fences the old primary before it promotes, since
     * PostgreSQL itself has no fencing), promotes {@code replica}, and points the other replicas at it.
     *
     * @param replica the replica to promote
     * @param mode    how the old primary stops
     * @return the old primary, stopped
     */
    public PostgresNode failover(PostgresNode replica, PostgresNode.StopMode mode) {
        PostgresNode old = primary;
        old.stop(mode);
        replica.promote();
        primary = replica;
        for (PostgresNode other : replicas()) {
            if (other != old && other.running()) {
                other.follow(replica);
            }
        }
        return old;
    }

    /**
     * Promotes a replica without stopping the primary (a split brain, for tests that need one).
     *
     * @param replica the replica
     */
    public void promote(PostgresNode replica) {
        replica.promote();
        primary = replica;
    }

    /** Stops every node (immediately: the data is deleted next) and deletes the cluster's folder. */
    @Override
    public void close() {
        for (PostgresNode node : nodes) {
            node.stop(PostgresNode.StopMode.IMMEDIATE);
        }
        Directories.delete(directory);
    }
}
