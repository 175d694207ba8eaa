package dev.lumen.db.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.lumen.db.core.LogCapture;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.core.pool.ConnectionPools;
import dev.lumen.db.core.pool.PoolState;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 64 callers on a pool of 8, each holding its connection: the extra 56 get "unavailable" at the acquire timeout. */
@LumenDbTest
class PoolExhaustionTest {

    @Test
    void whenSixtyFourCallersHoldConnectionsOfAPoolOfEightThenTheRestFailAtTheAcquireTimeoutAndThePoolDrains(
            TestDatabase database) throws Exception {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, Map.of("lumen.db.pool.max-size", "8",
                "lumen.db.pool.min-idle", "8", "lumen.db.pool.acquire-timeout", "500ms",
                "lumen.db.pool.leak-detection", "2s")), new SimpleMeterRegistry());
                LogCapture leaks = new LogCapture("com.zaxxer.hikari.pool.ProxyLeakTask");
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            db.dsl().selectOne().fetch();
            // Hikari fills min-idle in the background; on a loaded machine that takes longer than the acquire
            // timeout, and callers would then be refused for want of a connection not yet opened, not of a free one.
            long filling = System.nanoTime();
            while (ConnectionPools.state((HikariDataSource) db.dataSource()).idle() < 8
                    && System.nanoTime() - filling < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(20);
            }
            assertThat(ConnectionPools.state((HikariDataSource) db.dataSource()).idle()).as("pool filled").isEqualTo(8);
            List<Future<Duration>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(callers.submit(() -> {
                    long started = System.nanoTime();
                    try {
                        db.transactions().run(tx -> {
                            tx.dsl().selectOne().fetch();
                            sleep(1_500);
                        });
                        return null;
                    } catch (UnavailableException e) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                }));
            }
            List<Duration> refused = new ArrayList<>();
            int served = 0;
            for (Future<Duration> result : results) {
                Duration waited = result.get(30, TimeUnit.SECONDS);
                if (waited == null) {
                    served++;
                } else {
                    refused.add(waited);
                }
            }

            // A connection borrowed and never returned is reported by leak detection.
            Connection leaked = db.dataSource().getConnection();
            long leakWait = System.nanoTime();
            while (leaks.messages().isEmpty() && System.nanoTime() - leakWait < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(100);
            }
            leaked.close();
            PoolState drained = ConnectionPools.state((HikariDataSource) db.dataSource());

            Figures.report("pool exhaustion", String.format("64 callers on a pool of 8: %d served, %d refused after"
                            + " p50 %d ms / max %d ms (acquire timeout 500 ms); afterwards %d active, %d idle; leak"
                            + " reported after %d ms (threshold 2000 ms)", served, refused.size(),
                    Figures.percentileMillis(refused, 0.5), Figures.percentileMillis(refused, 1.0), drained.active(),
                    drained.idle(), (System.nanoTime() - leakWait) / 1_000_000));
            assertThat(served).isEqualTo(8);
            assertThat(refused).hasSize(56).allSatisfy(waited ->
                    assertThat(waited).isBetween(Duration.ofMillis(450), Duration.ofMillis(1_500)));
            assertThat(drained.active()).isZero();
            assertThat(drained.idle()).isEqualTo(8);
            assertThat(leaks.messages()).anySatisfy(line -> assertThat(line).contains("leak detection triggered"));
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
