package dev.lumen.db.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.DatabaseException;
import dev.lumen.db.core.observe.ErrorKinds;
import dev.lumen.db.test.StandalonePostgres;
import dev.lumen.db.test.StandalonePostgres.StopMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * 32 writers on a pool of 8 while every backend is killed 20 times and the server is restarted 3 times (fast,
 * immediate, fast): no acknowledged write is lost or doubled; a failure typed retryable never committed, and every
 * write that committed without an acknowledgement was typed {@link CommitOutcomeUnknownException}; the pool serves
 * again quickly once the server is back.
 */
class ServerFaultsTest {

    private static final String APPLICATION = "lumen-db-faults";
    private static final Table<?> WRITES = DSL.table(DSL.name("writes"));
    private static final Field<String> KEY = DSL.field(DSL.name("key"), String.class);

    @Test
    void whenBackendsAreKilledAndTheServerRestartsThenNoAcknowledgedWriteIsLostOrDoubled() throws Exception {
        int terminations = Figures.SOAK ? 100 : 20;
        List<StopMode> restarts = Figures.SOAK
                ? List.of(StopMode.FAST, StopMode.IMMEDIATE, StopMode.FAST, StopMode.IMMEDIATE, StopMode.FAST,
                        StopMode.IMMEDIATE)
                : List.of(StopMode.FAST, StopMode.IMMEDIATE, StopMode.FAST);
        try (StandalonePostgres server = StandalonePostgres.start()) {
            try (Connection connection = server.superuser("postgres").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE writes (key text PRIMARY KEY, written_at timestamptz DEFAULT now())");
            }
            var config = new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of(
                    "lumen.db.url", server.jdbcUrl("postgres"), "lumen.db.user", "postgres",
                    "lumen.db.application-name", APPLICATION, "lumen.db.pool.max-size", "8",
                    "lumen.db.pool.min-idle", "8", "lumen.db.pool.acquire-timeout", "1s",
                    "lumen.db.connect-timeout", "2s", "lumen.db.socket-timeout", "5s")).load(Environment.TEST);
            try (LumenDb db = LumenDb.start(config, new SimpleMeterRegistry())) {
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                Set<String> retryable = ConcurrentHashMap.newKeySet();
                Set<String> inDoubt = ConcurrentHashMap.newKeySet();
                Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
                ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < 32; w++) {
                    int writer = w;
                    writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                        long sequence = 0;
                        while (running.get()) {
                            String key = "w" + writer + "-" + sequence++;
                            try {
                                db.transactions().run(tx -> tx.dsl().insertInto(WRITES).set(KEY, key).execute());
                                acknowledged.add(key);
                            } catch (CommitOutcomeUnknownException e) {
                                failures.computeIfAbsent(ErrorKinds.kind(e), k -> new AtomicLong()).incrementAndGet();
                                inDoubt.add(key);
                            } catch (DatabaseException e) {
                                failures.computeIfAbsent(ErrorKinds.kind(e), k -> new AtomicLong()).incrementAndGet();
                                retryable.add(key);
                                if (!e.retryable()) {
                                    unexpected.add(e);
                                }
                            } catch (RuntimeException e) {
                                unexpected.add(e);
                            }
                            sleep(5);
                        }
                    }));
                }

                int terminated = 0;
                for (int i = 0; i < terminations; i++) {
                    sleep(1_000);
                    terminated += server.terminateBackends(APPLICATION);
                }
                List<Long> recoveries = new ArrayList<>();
                for (StopMode mode : restarts) {
                    sleep(1_000);
                    server.stop(mode);
                    sleep(500);
                    server.restart();
                    long back = System.nanoTime();
                    while (true) {
                        try {
                            db.dsl().selectOne().fetch();
                            break;
                        } catch (DatabaseException e) {
                            sleep(20);
                        }
                    }
                    recoveries.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));
                }
                sleep(1_000);
                running.set(false);
                for (Thread writer : writers) {
                    writer.join(30_000);
                }

                List<String> stored = db.dsl().select(KEY).from(WRITES).fetch(KEY);
                Set<String> distinct = new HashSet<>(stored);
                Set<String> lost = new HashSet<>(acknowledged);
                lost.removeAll(distinct);
                // Ground truth for the typing of failures: which failed calls had in fact committed.
                Set<String> storedUnacknowledged = new HashSet<>(distinct);
                storedUnacknowledged.removeAll(acknowledged);
                Set<String> retryableButStored = new HashSet<>(retryable);
                retryableButStored.retainAll(distinct);
                Set<String> inDoubtCommitted = new HashSet<>(inDoubt);
                inDoubtCommitted.retainAll(distinct);
                long typed = storedUnacknowledged.stream().filter(inDoubt::contains).count();
                Figures.report("server faults", String.format(
                        "%d writes acknowledged, %d rows stored, %d lost, %d duplicated; %d backends terminated in %d rounds;"
                                + " restarts %s back in %s ms; failures by kind %s; commits in doubt: %d calls typed"
                                + " CommitOutcomeUnknownException, %d of them had committed; writes stored without an"
                                + " acknowledgement typed in doubt: %d of %d; retryable failures that had committed: %d",
                        acknowledged.size(), stored.size(), lost.size(), stored.size() - distinct.size(), terminated,
                        terminations, restarts, recoveries, failures, inDoubt.size(), inDoubtCommitted.size(), typed,
                        storedUnacknowledged.size(), retryableButStored.size()));

                assertThat(writers).noneMatch(Thread::isAlive);
                assertThat(unexpected).isEmpty();
                assertThat(lost).isEmpty();
                assertThat(stored).hasSameSizeAs(distinct);
                assertThat(retryableButStored).as("a retryable failure must mean nothing was committed").isEmpty();
                assertThat(inDoubt).as("every stored but unacknowledged write was typed in doubt")
                        .containsAll(storedUnacknowledged);
                assertThat(acknowledged).hasSizeGreaterThan(1_000);
                assertThat(terminated).isGreaterThanOrEqualTo(terminations);
                assertThat(failures).isNotEmpty();
                assertThat(recoveries).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unused")
    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
