package dev.lumen.db.core.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.ReadOnlyTransactionException;
import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.health.ReplicaStatus;
import dev.lumen.db.core.tx.ConsistencyToken;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.core.tx.WithToken;
import dev.lumen.db.test.cluster.PostgresCluster;
import dev.lumen.db.test.cluster.PostgresNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.Record1;
import org.jooq.Table;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Routing on a real primary with two streaming replicas: where transactions run, read-your-writes by token while
 * replay is paused at random (acceptance 1), and what a router without tokens would have served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingTest {

    private static final Table<?> PAIRS = DSL.table(DSL.name("pairs"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Integer> VALUE = DSL.field(DSL.name("v"), SQLDataType.INTEGER);

    private static PostgresCluster cluster;
    private static String database;
    private static SimpleMeterRegistry registry;
    private static LumenDb db;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.builder().replicas(2).start();
        database = cluster.createDatabase("routing");
        ScaleOut.execute(cluster.primary(), database, "CREATE TABLE pairs (id bigint PRIMARY KEY, v int NOT NULL)");
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(10));
        registry = new SimpleMeterRegistry();
        db = ScaleOut.start(ScaleOut.config(cluster, database, Map.of()), registry);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void whenTransactionsRunThenWritesGoToThePrimaryAndReadOnlyOnesToAReplicaThatRefusesWrites() {
        String writer = db.transactions().call(tx -> tx.dsl().fetchValue(DSL.field("inet_server_port()::text",
                String.class)));
        String reader = db.transactions().call(TxOptions.readOnlyDefaults(), tx -> tx.dsl().fetchValue(
                DSL.field("inet_server_port()::text", String.class)));
        String readOnlySetting = db.reader().dsl().fetchValue(DSL.field("current_setting('default_transaction_read_only')",
                String.class));

        assertThat(writer).isEqualTo(Integer.toString(cluster.primary().port()));
        assertThat(cluster.replicas().stream().map(node -> Integer.toString(node.port()))).contains(reader);
        assertThat(readOnlySetting).isEqualTo("on");
        assertThat(ScaleOut.routed(registry, "primary", "write")).isGreaterThanOrEqualTo(1);
        assertThat(ScaleOut.routed(registry, "replica", "read")).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> db.reader().dsl().insertInto(PAIRS).columns(ID, VALUE).values(-1L, 0).execute())
                .isInstanceOf(ReadOnlyTransactionException.class);
    }

    @Test
    @Order(2)
    void whenAReaderScopeLocksRowsThenThatStatementRunsOnThePrimary() {
        double before = ScaleOut.routed(registry, "primary", "locking");
        db.transactions().run(tx -> tx.dsl().insertInto(PAIRS).columns(ID, VALUE).values(0L, 0).execute());

        List<Long> locked = db.reader().dsl().select(ID).from(PAIRS).where(ID.eq(0L)).forUpdate().fetch(Record1::value1);

        assertThat(locked).containsExactly(0L);
        assertThat(ScaleOut.routed(registry, "primary", "locking")).isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void whenATokenIsWrittenOutAndReadBackThenItIsTheSameAndGarbageIsATypedError() {
        WithToken<Integer> written = db.transactions().callWithToken(TxOptions.defaults(),
                tx -> tx.dsl().insertInto(PAIRS).columns(ID, VALUE).values(1L, 1).execute());
        ConsistencyToken parsed = ConsistencyToken.parse(written.token().asString());

        assertThat(parsed).isEqualTo(written.token());
        assertThat(written.token().position()).isGreaterThan(0);
        assertThat(db.reader(parsed).dsl().fetchCount(PAIRS, ID.eq(1L))).isEqualTo(1);
        assertThatThrownBy(() -> ConsistencyToken.parse("ct1.' OR 1=1 --"))
                .isInstanceOf(dev.lumen.db.core.error.InvalidInputException.class)
                .hasMessageNotContaining("OR 1=1");
    }

    @Test
    @Order(4)
    void whenTheHealthIsCheckedThenEveryReplicaIsListedWithItsLag() {
        HealthReport report = db.health().check();

        assertThat(report.replicas()).extracting(ReplicaStatus::name)
                .containsExactlyElementsOf(cluster.replicas().stream().map(PostgresNode::hostAndPort).toList());
        assertThat(report.replicas()).allMatch(ReplicaStatus::healthy);
        assertThat(registry.find("lumen.db.replica.lag.bytes").gauges()).hasSize(2);
        assertThat(registry.find("lumen.db.replica.lag.seconds").tag("replica", cluster.replica(0).hostAndPort())
                .gauge()).isNotNull();
    }

    @Test
    @Order(4)
    void whenReplicasAreDiscoveredThenTheyAreThePrimarysStreamingStandbys() {
        java.util.Map<String, String> values = ScaleOut.config(cluster, database, Map.of());
        values.put("lumen.db.replicas", "discover");
        try (LumenDb discovered = ScaleOut.start(values, new SimpleMeterRegistry())) {
            assertThat(discovered.replicas()).extracting(ReplicaStatus::name)
                    .containsExactlyInAnyOrderElementsOf(cluster.replicas().stream().map(PostgresNode::hostAndPort)
                            .toList());
            assertThat(discovered.replicas()).allMatch(ReplicaStatus::healthy);
        }
    }

    /** Acceptance 1: write-then-read pairs with tokens while replay pauses at random, then with replay running. */
    @Test
    @Order(5)
    void whenReadsCarryTheirWritesTokenWhileReplayPausesAtRandomThenNoneIsStale() throws Exception {
        int pairs = ScaleOut.SOAK ? 1000 : 150;
        int maxPauseMillis = ScaleOut.SOAK ? 5000 : 1000;
        long stale;
        double replicaBefore = ScaleOut.routed(registry, "replica");
        double primaryBefore = ScaleOut.routed(registry, "primary", "fallback");
        try (Chaos chaos = new Chaos(cluster.replicas(), maxPauseMillis)) {
            stale = pairs(1_000, pairs, true, 0);
            chaos.figure();
        }
        double servedByReplicas = ScaleOut.routed(registry, "replica") - replicaBefore;
        double fellBack = ScaleOut.routed(registry, "primary", "fallback") - primaryBefore;
        ScaleOut.figure(String.format(java.util.Locale.ROOT,
                "acceptance1 paused_replay pairs=%d stale_reads=%d replica_served=%.0f primary_fallback=%.0f", pairs,
                stale, servedByReplicas, fellBack));
        assertThat(stale).isZero();

        resumeAll();
        int running = ScaleOut.SOAK ? 1000 : 200;
        double tokenBefore = ScaleOut.routed(registry, "replica", "token");
        long staleRunning = pairs(10_000, running, true, 0);
        double share = (ScaleOut.routed(registry, "replica", "token") - tokenBefore) / running;
        ScaleOut.figure(String.format(java.util.Locale.ROOT, "acceptance1 replay_running pairs=%d stale_reads=%d"
                + " replica_share=%.3f", running, staleRunning, share));
        assertThat(staleRunning).isZero();
        assertThat(share).isGreaterThanOrEqualTo(0.90);
    }

    /** Acceptance 1, the comparison: the same pairs without tokens, read after a timer-based router's stickiness. */
    @Test
    @Order(6)
    void whenReadsCarryNoTokenThenATimerBasedRouterServesStaleReads() throws Exception {
        int pairs = ScaleOut.SOAK ? 1000 : 100;
        int maxPauseMillis = ScaleOut.SOAK ? 5000 : 1000;
        // Rails keeps reads on the primary for 2 s after a write; the bounded run scales the timer with the pauses.
        int stickMillis = ScaleOut.SOAK ? 2000 : 50;
        long stale;
        try (Chaos chaos = new Chaos(cluster.replicas(), maxPauseMillis)) {
            stale = pairs(100_000, pairs, false, stickMillis);
        }
        resumeAll();
        ScaleOut.figure(String.format(java.util.Locale.ROOT, "acceptance1 timer_router stick_ms=%d pairs=%d"
                + " stale_reads=%d (same pauses, no token)", stickMillis, pairs, stale));
        assertThat(stale).as("a timer cannot know whether replay caught up").isPositive();
    }

    /** Write row {@code base + i}, then read it back on a replica (with its token, or after {@code stick} without). */
    private static long pairs(long base, int count, boolean withToken, int stickMillis) throws InterruptedException {
        long stale = 0;
        for (int i = 0; i < count; i++) {
            long id = base + i;
            int value = i;
            WithToken<Integer> written = db.transactions().callWithToken(TxOptions.defaults(),
                    tx -> tx.dsl().insertInto(PAIRS).columns(ID, VALUE).values(id, value).execute());
            TxOptions read = TxOptions.readOnlyDefaults();
            if (withToken) {
                read = read.after(written.token());
            } else {
                Thread.sleep(stickMillis);
            }
            int found = db.transactions().call(read, tx -> tx.dsl().fetchCount(PAIRS, ID.eq(id)));
            if (found == 0) {
                stale++;
            }
        }
        return stale;
    }

    private static void resumeAll() {
        for (PostgresNode replica : cluster.replicas()) {
            if (replica.replayPaused()) {
                replica.resumeReplay();
            }
        }
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(30));
    }

    /** Pauses each replica's replay for random 0..max ms, then lets it run for random 0..max ms, until closed. */
    private static final class Chaos implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads;
        private final java.util.concurrent.atomic.AtomicLong pauses = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong pausedMillis = new java.util.concurrent.atomic.AtomicLong();

        Chaos(List<PostgresNode> replicas, int maxMillis) {
            this.threads = replicas.stream().map(replica -> Thread.ofPlatform().daemon().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    int pause = random.nextInt(maxMillis + 1);
                    replica.pauseReplay();
                    pauses.incrementAndGet();
                    sleep(pause);
                    pausedMillis.addAndGet(pause);
                    replica.resumeReplay();
                    sleep(random.nextInt(maxMillis + 1));
                }
            })).toList();
        }

        private void sleep(int millis) {
            long until = System.nanoTime() + millis * 1_000_000L;
            while (running.get() && System.nanoTime() < until) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void figure() {
            ScaleOut.figure("acceptance1 chaos pauses=" + pauses.get() + " paused_ms_total=" + pausedMillis.get());
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }
}
