package dev.lumen.db.test.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The harness itself: a real primary with two streaming replicas and every control the scale-out tests use. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterTest {

    private static PostgresCluster cluster;
    private static String database;

    @BeforeAll
    static void start() throws SQLException {
        long started = System.nanoTime();
        cluster = PostgresCluster.builder().replicas(2).start();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("FIGURE cluster 1+2 up in " + millis + " ms");
        assertThat(millis).as("a 1+2 cluster starts in seconds").isLessThan(30_000);
        database = cluster.createDatabase("harness");
        execute(cluster.primary(), "CREATE TABLE t (id int PRIMARY KEY)");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void whenRowsAreCommittedOnThePrimaryThenBothReplicasReplayThemAndRefuseWrites() throws SQLException {
        execute(cluster.primary(), "INSERT INTO t VALUES (1)");
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(10));

        for (PostgresNode replica : cluster.replicas()) {
            assertThat(replica.inRecovery()).isTrue();
            assertThat(count(replica)).isEqualTo(1);
            assertThatThrownBy(() -> execute(replica, "INSERT INTO t VALUES (2)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
        }
        assertThat(cluster.primary().inRecovery()).isFalse();
    }

    @Test
    @Order(2)
    void whenReplayIsPausedThenTheReplicaKeepsItsOldViewUntilResumed() throws SQLException {
        PostgresNode replica = cluster.replica(0);
        replica.pauseReplay();
        assertThat(replica.replayPaused()).isTrue();
        execute(cluster.primary(), "INSERT INTO t VALUES (10)");
        long target = cluster.primary().currentLsn();
        cluster.replica(1).awaitReplay(target, Duration.ofSeconds(10));

        assertThat(count(cluster.replica(1))).isEqualTo(2);
        assertThat(count(replica)).isEqualTo(1);
        assertThat(replica.replayLsn()).isLessThan(target);

        replica.resumeReplay();
        replica.awaitReplay(target, Duration.ofSeconds(10));
        assertThat(count(replica)).isEqualTo(2);
    }

    @Test
    @Order(3)
    void whenReplicationIsCutThenTheReplicaStopsReceivingUntilRestored() throws SQLException {
        PostgresNode replica = cluster.replica(1);
        replica.cutReplication();
        PostgresNode.awaitCondition(() -> cluster.streamingState(replica) == null, Duration.ofSeconds(10),
                "the WAL receiver to stop");
        execute(cluster.primary(), "INSERT INTO t VALUES (20)");
        long target = cluster.primary().currentLsn();
        Processes.sleep(300);
        assertThat(replica.replayLsn()).isLessThan(target);
        assertThat(count(replica)).isEqualTo(2);

        replica.restoreReplication();
        replica.awaitReplay(target, Duration.ofSeconds(20));
        assertThat(count(replica)).isEqualTo(3);
    }

    @Test
    @Order(4)
    void whenThePrimaryIsStoppedImmediatelyAndAReplicaPromotedThenTheNewPrimaryTakesWritesAndTheOtherFollows()
            throws SQLException {
        PostgresNode oldPrimary = cluster.primary();
        PostgresNode candidate = cluster.replica(0);
        PostgresNode other = cluster.replica(1);
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(10));

        long started = System.nanoTime();
        cluster.failover(candidate, PostgresNode.StopMode.IMMEDIATE);
        System.out.println("FIGURE failover (immediate stop + promote) in " + (System.nanoTime() - started) / 1_000_000 + " ms");

        assertThat(oldPrimary.running()).isFalse();
        assertThat(cluster.primary()).isSameAs(candidate);
        assertThat(candidate.inRecovery()).isFalse();
        execute(candidate, "INSERT INTO t VALUES (30)");
        other.awaitReplay(candidate.currentLsn(), Duration.ofSeconds(30));
        assertThat(count(other)).isEqualTo(4);

        oldPrimary.restartAsStandby();
        assertThat(oldPrimary.inRecovery()).isTrue();
        assertThat(count(oldPrimary)).isEqualTo(3);
        assertThatThrownBy(() -> execute(oldPrimary, "INSERT INTO t VALUES (31)")).isInstanceOf(SQLException.class);
    }

    @Test
    @Order(5)
    void whenTheJvmIsKilledThenItsServersStopWithinSeconds() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ClusterInChildJvm.class.getName()).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        Path folder = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("PID ")) {
                    pids.add(Long.parseLong(line.substring(4).strip()));
                } else if (line.startsWith("DIR ")) {
                    folder = Path.of(line.substring(4).strip());
                } else if (line.equals("READY")) {
                    break;
                }
            }
        }
        assertThat(pids).hasSize(2);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        PostgresNode.awaitCondition(() -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).isPresent()),
                Duration.ofSeconds(15), "the servers of the killed JVM to stop");
        assertThat(folder).isNotNull();
        // The next JVM's first cluster sweeps the folder of a dead JVM; this JVM already swept, so do it here.
        assertThat(Files.exists(folder)).isTrue();
        Directories.delete(folder.getParent());
        assertThat(Files.exists(folder)).isFalse();
    }

    private static long count(PostgresNode node) throws SQLException {
        try (Connection connection = node.dataSource(database).getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM t");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(PostgresNode node, String sql) throws SQLException {
        try (Connection connection = node.dataSource(database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
