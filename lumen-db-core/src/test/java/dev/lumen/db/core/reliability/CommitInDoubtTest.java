package dev.lumen.db.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.DatabaseException;
import dev.lumen.db.test.StandalonePostgres;
import dev.lumen.db.test.TcpRelay;
import dev.lumen.db.test.TcpRelay.Cut;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Commits in doubt under fire: writers append to a ledger through a relay that cuts 5% of connections right after
 * they send COMMIT (the server usually commits, the client never hears) while every backend is killed twice a
 * second. A naive retry of every failure stores some requests twice; the README's idempotency-key pattern
 * ({@link #applyOnce}) stores each request exactly once, and every attempt that ended in doubt is typed
 * {@link CommitOutcomeUnknownException}.
 */
class CommitInDoubtTest {

    private static final String APPLICATION = "lumen-db-in-doubt";
    private static final Table<?> LEDGER = DSL.table(DSL.name("ledger"));
    private static final Field<UUID> REQUEST = DSL.field(DSL.name("request_id"), UUID.class);
    private static final Field<Integer> AMOUNT = DSL.field(DSL.name("amount"), Integer.class);
    private static final Table<?> KEYS = DSL.table(DSL.name("idempotency_keys"));
    private static final Field<UUID> KEY = DSL.field(DSL.name("key"), UUID.class);

    /** What one phase saw. */
    record Outcome(int requests, int completed, long duplicates, long lost, long inDoubt, long inDoubtCommitted,
            long retryableFailures, long retryableCommitted) {
    }

    /**
     * The README's pattern: the idempotency key is written in the same transaction as the work, so a retry after
     * an unknown outcome finds it and does nothing.
     *
     * @return true when this call did the work, false when an earlier attempt had already committed it
     */
    static boolean applyOnce(LumenDb db, UUID requestId, int amount, AtomicLong inDoubt, AtomicLong inDoubtCommitted,
            AtomicLong retryable, AtomicLong retryableCommitted) {
        boolean anyInDoubt = false;
        boolean anyRetryable = false;
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = db.transactions().call(tx -> {
                    if (tx.dsl().insertInto(KEYS).set(KEY, requestId).onConflictDoNothing().execute() == 0) {
                        return false; // an earlier attempt committed after all
                    }
                    tx.dsl().insertInto(LEDGER).set(REQUEST, requestId).set(AMOUNT, amount).execute();
                    return true;
                });
                if (!applied && anyInDoubt) {
                    inDoubtCommitted.incrementAndGet();
                } else if (!applied && anyRetryable) {
                    // An earlier attempt committed, yet its caller was told "retryable": a mistyped commit in doubt.
                    retryableCommitted.incrementAndGet();
                }
                return applied;
            } catch (CommitOutcomeUnknownException e) {
                inDoubt.incrementAndGet();
                anyInDoubt = true;
            } catch (DatabaseException e) {
                if (!e.retryable()) {
                    throw e;
                }
                retryable.incrementAndGet();
                anyRetryable = true;
            }
            if (attempt == 50) {
                throw new IllegalStateException("request " + requestId + " did not get through in 50 attempts");
            }
            sleep(Math.min(200, 10L << Math.min(attempt, 4)));
        }
    }

    @Test
    void whenCommitsAreCutAndBackendsKilledThenTheIdempotencyKeyPatternStoresEachRequestExactlyOnce()
            throws Exception {
        long phaseMillis = Figures.SOAK ? 60_000 : 8_000;
        try (StandalonePostgres server = StandalonePostgres.start();
                TcpRelay relay = TcpRelay.start("localhost", server.port())) {
            try (Connection connection = server.superuser("postgres").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE ledger (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " request_id uuid NOT NULL, amount int NOT NULL)");
                statement.execute("CREATE TABLE idempotency_keys (key uuid PRIMARY KEY)");
            }
            var config = new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of(
                    // No server-side prepared statements: every COMMIT then crosses the relay as text it can spot.
                    "lumen.db.url", "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres?prepareThreshold=0",
                    "lumen.db.user", "postgres", "lumen.db.application-name", APPLICATION,
                    "lumen.db.pool.max-size", "8", "lumen.db.pool.min-idle", "8",
                    "lumen.db.pool.acquire-timeout", "2s", "lumen.db.connect-timeout", "2s",
                    "lumen.db.socket-timeout", "5s")).load(Environment.TEST);
            try (LumenDb db = LumenDb.start(config, new SimpleMeterRegistry())) {
                relay.cutMessagesContaining("COMMIT", Cut.AFTER_FORWARDING, 0.05);

                Outcome naive = phase(db, server, phaseMillis / 2, false);
                Outcome pattern = phase(db, server, phaseMillis, true);
                relay.stopCutting();

                Figures.report("commits in doubt", String.format("naive retry of every failure: %d requests, %d"
                                + " stored twice, %d attempts in doubt; idempotency-key pattern: %d requests, %d completed,"
                                + " %d duplicates, %d lost, %d attempts in doubt typed CommitOutcomeUnknownException"
                                + " (%d of them had committed, found by the retry), %d retryable failures (%d of them had"
                                + " committed: typed in doubt %d of %d committed-but-unacknowledged); %d connections cut"
                                + " after COMMIT",
                        naive.requests(), naive.duplicates(), naive.inDoubt(), pattern.requests(), pattern.completed(),
                        pattern.duplicates(), pattern.lost(), pattern.inDoubt(), pattern.inDoubtCommitted(),
                        pattern.retryableFailures(), pattern.retryableCommitted(), pattern.inDoubtCommitted(),
                        pattern.inDoubtCommitted() + pattern.retryableCommitted(), relay.cuts()));

                assertThat(pattern.requests()).isGreaterThan(200);
                assertThat(pattern.completed()).isEqualTo(pattern.requests());
                assertThat(pattern.duplicates()).isZero();
                assertThat(pattern.lost()).isZero();
                assertThat(pattern.inDoubt()).as("the relay provoked commits in doubt").isPositive();
                assertThat(pattern.retryableCommitted()).as("failures typed retryable whose work had committed")
                        .isZero();
                if (naive.inDoubt() >= 5) {
                    assertThat(naive.duplicates()).as("the control: a blind retry of a committed write doubles it")
                            .isPositive();
                }
            }
        }
    }

    private static Outcome phase(LumenDb db, StandalonePostgres server, long millis, boolean idempotent)
            throws InterruptedException {
        Set<UUID> requested = ConcurrentHashMap.newKeySet();
        Set<UUID> completed = ConcurrentHashMap.newKeySet();
        AtomicLong inDoubt = new AtomicLong();
        AtomicLong inDoubtCommitted = new AtomicLong();
        AtomicLong retryable = new AtomicLong();
        AtomicLong retryableCommitted = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            writers.add(Thread.ofPlatform().name("ledger-writer-" + w).start(() -> {
                while (running.get()) {
                    UUID request = UUID.randomUUID();
                    requested.add(request);
                    try {
                        if (idempotent) {
                            applyOnce(db, request, 1, inDoubt, inDoubtCommitted, retryable, retryableCommitted);
                        } else {
                            naiveRetry(db, request, inDoubt, retryable);
                        }
                        completed.add(request);
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                    }
                    sleep(2);
                }
            }));
        }
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            sleep(500);
            server.terminateBackends(APPLICATION);
        }
        running.set(false);
        for (Thread writer : writers) {
            writer.join(60_000);
        }
        assertThat(unexpected).isEmpty();
        // Counted on a connection of its own: the pool may still hold a backend the last kill ended.
        List<Record1<UUID>> rows;
        try (Connection direct = server.superuser("postgres").getConnection()) {
            rows = DSL.using(direct, SQLDialect.POSTGRES).select(REQUEST).from(LEDGER).where(REQUEST.in(requested))
                    .fetch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Set<UUID> stored = new java.util.HashSet<>();
        rows.forEach(r -> stored.add(r.value1()));
        Set<UUID> lost = new java.util.HashSet<>(completed);
        lost.removeAll(stored);
        return new Outcome(requested.size(), completed.size(), rows.size() - stored.size(), lost.size(), inDoubt.get(),
                inDoubtCommitted.get(), retryable.get(), retryableCommitted.get());
    }

    /** What a caller does without the pattern: retry whatever failed. */
    private static void naiveRetry(LumenDb db, UUID request, AtomicLong inDoubt, AtomicLong retryable) {
        for (int attempt = 1; attempt <= 50; attempt++) {
            try {
                db.transactions().run(tx -> tx.dsl().insertInto(LEDGER).set(REQUEST, request).set(AMOUNT, 1).execute());
                return;
            } catch (CommitOutcomeUnknownException e) {
                inDoubt.incrementAndGet();
            } catch (DatabaseException e) {
                retryable.incrementAndGet();
            }
            sleep(Math.min(200, 10L << Math.min(attempt, 4)));
        }
        throw new IllegalStateException("request " + request + " did not get through");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
