package dev.lumen.db.core.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.cluster.PostgresCluster;
import dev.lumen.db.test.cluster.PostgresNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Acceptance 2: a replica whose replay is paused while 16 MB are written is ejected, then re-admitted. */
class LagEjectionTest {

    private static final long THRESHOLD = 4L << 20;
    private static final long WRITTEN = 16L << 20;

    private static PostgresCluster cluster;
    private static String database;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.builder().replicas(1).start();
        database = cluster.createDatabase("lag");
        ScaleOut.execute(cluster.primary(), database, "CREATE TABLE lagdata (id bigserial PRIMARY KEY, payload text)");
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void whenReplayIsPausedAndSixteenMegabytesAreWrittenThenTheReplicaIsEjectedAndReadmittedAfterResuming()
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // The time threshold is set high so that the byte threshold is the one crossed.
        try (LumenDb db = ScaleOut.start(ScaleOut.config(cluster, database, Map.of(
                "lumen.db.replicas.max-lag-bytes", Long.toString(THRESHOLD), "lumen.db.replicas.max-lag", "1h")),
                registry)) {
            PostgresNode replica = cluster.replica(0);
            Gauge lagBytes = registry.find("lumen.db.replica.lag.bytes").tag("replica", replica.hostAndPort()).gauge();
            Gauge healthy = registry.find("lumen.db.replica.healthy").tag("replica", replica.hostAndPort()).gauge();
            assertThat(healthy.value()).isEqualTo(1.0);

            AtomicLong crossed = new AtomicLong();
            AtomicLong ejected = new AtomicLong();
            AtomicLong peakGauge = new AtomicLong();
            Thread monitor = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.nanoTime();
                    if (crossed.get() == 0 && cluster.primary().currentLsn() - replica.replayLsn() > THRESHOLD) {
                        crossed.set(now);
                    }
                    if (ejected.get() == 0 && !db.replicas().get(0).healthy()) {
                        ejected.set(System.nanoTime());
                    }
                    peakGauge.accumulateAndGet((long) lagBytes.value(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            replica.pauseReplay();
            long from = cluster.primary().currentLsn();
            while (cluster.primary().currentLsn() - from < WRITTEN) {
                ScaleOut.execute(cluster.primary(), database, "INSERT INTO lagdata (payload)"
                        + " SELECT md5(g::text) || md5((g + 1)::text) FROM generate_series(1, 20000) g");
            }
            long written = cluster.primary().currentLsn() - from;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ejected.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double gaugeWhileEjected = healthy.value();
            double routedBefore = ScaleOut.routed(registry, "primary", "lagging");
            db.transactions().call(TxOptions.readOnlyDefaults(), tx -> tx.dsl().fetchValue(DSL.inline(1)));
            double routedLagging = ScaleOut.routed(registry, "primary", "lagging") - routedBefore;

            replica.resumeReplay();
            long resumed = System.nanoTime();
            long readmitted = 0;
            deadline = resumed + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (db.replicas().get(0).healthy()) {
                    readmitted = System.nanoTime();
                    break;
                }
                Thread.sleep(10);
            }
            monitor.interrupt();
            monitor.join(5_000);

            long ejectedAfter = (ejected.get() - crossed.get()) / 1_000_000;
            long readmittedAfter = (readmitted - resumed) / 1_000_000;
            ScaleOut.figure(String.format(Locale.ROOT, "acceptance2 threshold_bytes=%d written_bytes=%d"
                    + " ejected_after_crossing_ms=%d readmitted_after_resume_ms=%d lag_bytes_gauge_peak=%d"
                    + " healthy_gauge_while_ejected=%.0f healthy_gauge_after=%.0f lag_bytes_gauge_after=%.0f"
                    + " reads_routed_lagging=%.0f", THRESHOLD, written, ejectedAfter, readmittedAfter, peakGauge.get(),
                    gaugeWhileEjected, healthy.value(), lagBytes.value(), routedLagging));
            assertThat(crossed.get()).isPositive();
            assertThat(ejected.get()).as("ejected").isPositive();
            assertThat(ejectedAfter).isLessThan(2_000);
            assertThat(readmitted).as("re-admitted").isPositive();
            assertThat(readmittedAfter).isLessThan(3_000);
            assertThat(peakGauge.get()).isGreaterThan(THRESHOLD);
            assertThat(gaugeWhileEjected).isZero();
            assertThat(healthy.value()).isEqualTo(1.0);
            assertThat(lagBytes.value()).isLessThan(THRESHOLD);
            assertThat(routedLagging).isEqualTo(1.0);
        }
    }
}
