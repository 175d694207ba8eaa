package dev.lumen.db.core.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.test.cluster.PostgresCluster;
import dev.lumen.db.test.cluster.PostgresNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: 8 writers on a multi-host primary URL with a synchronous standby; the primary is stopped
 * immediately and the standby promoted. Writes resume within 5 s, no acknowledged row is missing on the new
 * primary, and the old node, back as a standby while the writers go on, gets no row after its demotion.
 */
class FailoverTest {

    private static final int WRITERS = 8;
    private static final Table<?> WRITES = DSL.table(DSL.name("writes"));
    private static final Field<String> ID = DSL.field(DSL.name("id"), SQLDataType.VARCHAR);

    private static PostgresCluster cluster;
    private static String database;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.builder().replicas(2).start();
        database = cluster.createDatabase("failover");
        ScaleOut.execute(cluster.primary(), database, "CREATE TABLE writes (id text PRIMARY KEY,"
                + " written_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void whenThePrimaryDiesUnderEightWritersThenWritesResumeOnThePromotedStandbyAndNoAcknowledgedRowIsLost()
            throws Exception {
        PostgresNode oldPrimary = cluster.primary();
        PostgresNode candidate = cluster.replica(0);
        cluster.synchronousStandbys(1, List.of(candidate));
        Map<String, String> values = ScaleOut.config(cluster, database, Map.of(
                "lumen.db.pool.max-size", "8", "lumen.db.pool.acquire-timeout", "2s", "lumen.db.socket-timeout", "5s"));
        values.put("lumen.db.replicas", "");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong failed = new AtomicLong();
        AtomicLong firstAfterStop = new AtomicLong();
        AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean running = new AtomicBoolean(true);
        Instant demotedAt;
        long stopMillis;
        try (LumenDb db = ScaleOut.start(values, new SimpleMeterRegistry())) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (long seq = 0; running.get(); seq++) {
                        String id = writer + "-" + seq;
                        long begun = System.nanoTime();
                        try {
                            db.transactions().run(tx -> tx.dsl().insertInto(WRITES).columns(ID).values(id).execute());
                            acknowledged.add(id);
                            // Only work begun after the old primary was gone counts as resumed.
                            if (begun > stoppedAt.get()) {
                                firstAfterStop.compareAndSet(0, System.nanoTime());
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            sleep(20);
                        }
                    }
                }));
            }
            sleep(ScaleOut.SOAK ? 10_000 : 1_000);
            long before = acknowledged.size();
            oldPrimary.stop(PostgresNode.StopMode.IMMEDIATE);
            stoppedAt.set(System.nanoTime());
            // The old primary is already down: this promotes the standby and points the other replica at it.
            cluster.failover(candidate, PostgresNode.StopMode.IMMEDIATE);
            stopMillis = (System.nanoTime() - stoppedAt.get()) / 1_000_000;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (firstAfterStop.get() == 0 && System.nanoTime() < deadline) {
                sleep(10);
            }
            // The demoted node comes back as a standby while the writers go on: it must get nothing.
            oldPrimary.restartAsStandby();
            demotedAt = Instant.now();
            sleep(ScaleOut.SOAK ? 10_000 : 1_500);
            running.set(false);
            for (Thread thread : writers) {
                thread.join(30_000);
            }
            long resumedMillis = firstAfterStop.get() == 0 ? -1 : (firstAfterStop.get() - stoppedAt.get()) / 1_000_000;

            Set<String> onNewPrimary = ids(candidate, null);
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(onNewPrimary);
            Set<String> onOld = ids(oldPrimary, null);
            Set<String> oldAfterDemotion = ids(oldPrimary, demotedAt);
            Set<String> oldOnly = new HashSet<>(onOld);
            oldOnly.removeAll(onNewPrimary);
            ScaleOut.figure(String.format(Locale.ROOT, "acceptance3 writers=%d acknowledged=%d (before failover %d)"
                    + " failed_calls=%d promote_ms=%d writes_resumed_after_stop_ms=%d acknowledged_missing=%d"
                    + " rows_on_old_node_after_demotion=%d old_node_only_rows=%d", WRITERS, acknowledged.size(), before,
                    failed.get(), stopMillis, resumedMillis, missing.size(), oldAfterDemotion.size(), oldOnly.size()));
            assertThat(resumedMillis).isBetween(0L, 5_000L);
            assertThat(acknowledged.size()).isGreaterThan((int) before);
            assertThat(missing).isEmpty();
            assertThat(oldAfterDemotion).isEmpty();
            assertThat(oldPrimary.inRecovery()).isTrue();
        }
    }

    private static Set<String> ids(PostgresNode node, Instant after) throws SQLException {
        try (Connection connection = node.dataSource(database).getConnection();
                PreparedStatement statement = connection.prepareStatement(after == null ? "SELECT id FROM writes"
                        : "SELECT id FROM writes WHERE written_at >= ?")) {
            if (after != null) {
                statement.setTimestamp(1, Timestamp.from(after));
            }
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
