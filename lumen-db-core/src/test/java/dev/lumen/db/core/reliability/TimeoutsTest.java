package dev.lumen.db.core.reliability;

import static dev.lumen.db.core.fixture.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement and lock timeouts hold under load. */
@LumenDbTest
class TimeoutsTest {

    @TempDir
    Path folder;

    @Test
    void whenOneHundredLongQueriesRunWithATimeoutThenAllHundredStopAtItWithTheTimeoutException(TestDatabase database)
            throws Exception {
        Duration limit = Duration.ofMillis(300);
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, Map.of("lumen.db.pool.max-size", "8",
                "lumen.db.pool.acquire-timeout", "30s")), new SimpleMeterRegistry());
                ExecutorService callers = Executors.newFixedThreadPool(8)) {
            List<Future<Duration>> runs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                runs.add(callers.submit(() -> {
                    long[] started = new long[1];
                    try {
                        db.transactions().run(TxOptions.defaults().timeout(limit), tx -> {
                            started[0] = System.nanoTime();
                            tx.dsl().select(DSL.field("pg_sleep(10)")).fetch();
                        });
                        throw new AssertionError("pg_sleep(10) was not stopped");
                    } catch (QueryTimeoutException e) {
                        return Duration.ofNanos(System.nanoTime() - started[0]);
                    }
                }));
            }
            List<Duration> stoppedAfter = new ArrayList<>();
            for (Future<Duration> run : runs) {
                stoppedAfter.add(run.get(60, TimeUnit.SECONDS));
            }
            Figures.report("statement timeout", String.format(
                    "%d/100 long queries stopped with QueryTimeoutException; limit 300 ms, stopped after p50 %d ms,"
                            + " p99 %d ms, max %d ms", stoppedAfter.size(), Figures.percentileMillis(stoppedAfter, 0.5),
                    Figures.percentileMillis(stoppedAfter, 0.99), Figures.percentileMillis(stoppedAfter, 1.0)));
            assertThat(stoppedAfter).hasSize(100).allSatisfy(d ->
                    assertThat(d).isBetween(limit.minusMillis(50), limit.plusSeconds(1)));
        }
    }

    @Test
    void whenAMigrationWaitsOnALockThenItFailsAtItsLockTimeoutInsteadOfBlockingTheApplication(TestDatabase database)
            throws Exception {
        // The next version after core's fixture (V1..V4), beside it.
        Files.writeString(folder.resolve("V5__add_nickname.sql"), "ALTER TABLE users ADD COLUMN nickname text;\n");
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, Map.of(
                "lumen.db.migrations.locations", String.join(",", database.migrationLocations()) + ",filesystem:" + folder,
                "lumen.db.migrations.lock-timeout", "1s")), new SimpleMeterRegistry());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // A long application transaction that has read users holds a lock the ALTER must wait for.
            Future<?> longReader = threads.submit(() -> db.transactions().run(tx -> {
                tx.dsl().fetchCount(USERS);
                reading.countDown();
                await(release);
            }));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            java.util.concurrent.atomic.AtomicBoolean migrating = new java.util.concurrent.atomic.AtomicBoolean(true);
            // Plain SELECTs on the table all through the migration's attempts: each one queues behind its lock request.
            Future<List<Duration>> appQueries = threads.submit(() -> {
                List<Duration> waits = new ArrayList<>();
                while (migrating.get()) {
                    long queued = System.nanoTime();
                    db.dsl().fetchCount(USERS);
                    waits.add(Duration.ofNanos(System.nanoTime() - queued));
                    Thread.sleep(20);
                }
                return waits;
            });
            assertThatExceptionOfType(MigrationException.class)
                    .isThrownBy(() -> db.migrator().up())
                    .withMessageContaining("lock timeout")
                    .withMessageContaining("55P03")
                    .withMessageContaining("attempts in");
            Duration migrationFailedAfter = Duration.ofNanos(System.nanoTime() - started);
            migrating.set(false);
            List<Duration> waits = appQueries.get(10, TimeUnit.SECONDS);
            release.countDown();
            longReader.get(10, TimeUnit.SECONDS);

            Duration longest = waits.stream().max(Duration::compareTo).orElseThrow();
            Figures.report("migration lock timeout", String.format("a migration waiting on a busy table gave up after"
                    + " %d ms (lock-timeout 1000 ms, attempts of 200 ms with backoff); %d plain SELECTs on the table"
                    + " during it waited at most %d ms (p50 %d ms)", migrationFailedAfter.toMillis(), waits.size(),
                    longest.toMillis(), Figures.percentileMillis(waits, 0.5)));
            assertThat(migrationFailedAfter).isBetween(Duration.ofMillis(700), Duration.ofMillis(2_500));
            assertThat(waits).hasSizeGreaterThan(3);
            // One attempt (200 ms) plus scheduling; before attempts were short, a queued query waited the whole second.
            assertThat(longest).isLessThan(Duration.ofMillis(700));
            assertThat(db.migrator().status().pending()).singleElement()
                    .satisfies(e -> assertThat(e.script()).isEqualTo("V5__add_nickname.sql"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
