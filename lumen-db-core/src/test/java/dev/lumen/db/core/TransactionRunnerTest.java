package dev.lumen.db.core;

import static dev.lumen.db.core.fixture.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.db.core.error.LockTimeoutException;
import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.error.ReadOnlyTransactionException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.tx.Isolation;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@LumenDbTest
class TransactionRunnerTest {

    static LumenDb db;
    static SimpleMeterRegistry registry;

    /** Two real threads: the common pool may have a single worker on a two-core machine. */
    static java.util.concurrent.ExecutorService twoThreads;

    @BeforeAll
    static void start(TestDatabase database) {
        twoThreads = java.util.concurrent.Executors.newFixedThreadPool(2);
        registry = new SimpleMeterRegistry();
        db = LumenDb.start(TestConfigs.forDatabase(database), registry);
    }

    @AfterAll
    static void stop() {
        twoThreads.shutdownNow();
        db.close();
    }

    @BeforeEach
    void clean() {
        db.dsl().deleteFrom(ROLES).execute();
        db.dsl().execute("DROP TABLE IF EXISTS accounts");
    }

    private static String setting(org.jooq.DSLContext dsl, String name) {
        return dsl.fetchValue(DSL.field("current_setting({0})", String.class, DSL.val(name)));
    }

    private static int total(org.jooq.DSLContext dsl) {
        return dsl.resultQuery("SELECT sum(balance)::int FROM accounts").fetchOne(0, Integer.class);
    }

    private static int roleCount() {
        return db.dsl().fetchCount(ROLES);
    }

    private static void insertRole(org.jooq.DSLContext dsl, String name) {
        dsl.insertInto(ROLES).set(ROLES.NAME, name).execute();
    }

    @ParameterizedTest
    @CsvSource({"READ_COMMITTED, read committed", "REPEATABLE_READ, repeatable read", "SERIALIZABLE, serializable"})
    void whenAnIsolationLevelIsRequestedThenTheServerReportsIt(Isolation isolation, String expected) {
        String level = db.transactions().call(TxOptions.defaults().isolation(isolation),
                tx -> setting(tx.dsl(), "transaction_isolation"));

        assertThat(level).isEqualTo(expected);
    }

    @Test
    void whenReadOnlyThenTheServerReportsItAndRejectsWrites() {
        String readOnly = db.transactions().call(TxOptions.readOnlyDefaults(),
                tx -> setting(tx.dsl(), "transaction_read_only"));
        assertThat(readOnly).isEqualTo("on");

        assertThatExceptionOfType(ReadOnlyTransactionException.class)
                .isThrownBy(() -> db.transactions().run(TxOptions.serializable().readOnly(true),
                        tx -> insertRole(tx.dsl(), "writer")))
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("25006"));
        assertThat(roleCount()).isZero();
        // The options end with the transaction: the next one on a pooled connection is read-write again.
        db.transactions().run(tx -> insertRole(tx.dsl(), "after"));
        assertThat(roleCount()).isEqualTo(1);
    }

    @Test
    void whenATransactionHasATimeoutThenALongStatementIsStoppedAtIt() {
        long started = System.nanoTime();

        assertThatExceptionOfType(QueryTimeoutException.class)
                .isThrownBy(() -> db.transactions().run(TxOptions.defaults().timeout(Duration.ofSeconds(1)),
                        tx -> tx.dsl().execute("SELECT pg_sleep(5)")))
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("57014"));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        // SET LOCAL ended with the transaction: the same pool runs a 1.2 s sleep afterwards without a timeout.
        assertThat(db.dsl().resultQuery("SELECT pg_sleep(1.2)::text").fetchOne(0, String.class)).isEmpty();
    }

    @Test
    void whenARowIsLockedLongerThanTheLockTimeoutThenTheWaiterGetsLockTimeout() throws Exception {
        insertRole(db.dsl(), "locked");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> db.transactions().run(tx -> {
            tx.dsl().selectFrom(ROLES).forUpdate().fetch();
            locked.countDown();
            await(release);
        }), twoThreads);
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatExceptionOfType(LockTimeoutException.class)
                    .isThrownBy(() -> db.transactions().run(TxOptions.defaults().lockTimeout(Duration.ofMillis(200)),
                            tx -> tx.dsl().update(ROLES).set(ROLES.DESCRIPTION, "x").execute()))
                    .satisfies(e -> assertThat(e.retryable()).isTrue());
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void whenASavepointFailsThenOnlyItsWorkIsRolledBack() {
        List<String> afterCommit = new CopyOnWriteArrayList<>();

        db.transactions().run(tx -> {
            insertRole(tx.dsl(), "outer-before");
            tx.afterCommit(() -> afterCommit.add("outer"));
            assertThatExceptionOfType(UniqueViolationException.class).isThrownBy(() -> tx.savepoint(inner -> {
                insertRole(inner.dsl(), "inner");
                inner.afterCommit(() -> afterCommit.add("inner-rolled-back"));
                insertRole(inner.dsl(), "outer-before");
            }));
            tx.savepoint(inner -> {
                insertRole(inner.dsl(), "inner-kept");
                inner.afterCommit(() -> afterCommit.add("inner-kept"));
            });
            insertRole(tx.dsl(), "outer-after");
        });

        assertThat(db.dsl().select(ROLES.NAME).from(ROLES).orderBy(ROLES.NAME).fetch(ROLES.NAME))
                .containsExactly("inner-kept", "outer-after", "outer-before");
        assertThat(afterCommit).containsExactly("outer", "inner-kept");
    }

    /** A checked-looking failure type of the caller's own, to prove it passes through untouched. */
    static final class BusinessRuleBroken extends RuntimeException {
        BusinessRuleBroken() {
            super("rule broken");
        }
    }

    @Test
    void whenTheWorkThrowsAnythingThenEverythingRollsBackAndTheThrowableIsRethrownUnchanged() {
        List<String> sideEffects = new ArrayList<>();
        BusinessRuleBroken rule = new BusinessRuleBroken();
        AssertionError error = new AssertionError("an Error, not an Exception");

        assertThatThrownBy(() -> db.transactions().run(tx -> {
            insertRole(tx.dsl(), "a");
            tx.afterCommit(() -> sideEffects.add("must not run"));
            throw rule;
        })).isSameAs(rule);
        assertThatThrownBy(() -> db.transactions().run(tx -> {
            insertRole(tx.dsl(), "b");
            throw error;
        })).isSameAs(error);

        assertThat(roleCount()).isZero();
        assertThat(sideEffects).isEmpty();
        assertThat(registry.get(MetricNames.TRANSACTION).tag(MetricNames.OUTCOME, "rolled_back").timers()
                .stream().mapToLong(t -> t.count()).sum()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void whenTheWorkReturnsThenTheValueComesBackAfterCommit() {
        java.util.UUID id = db.transactions().call(tx -> tx.dsl().insertInto(ROLES).set(ROLES.NAME, "returned")
                .returning(ROLES.ID).fetchSingle(ROLES.ID));

        assertThat(db.dsl().fetchExists(ROLES, ROLES.ID.eq(id))).isTrue();
    }

    private static void createAccounts() {
        db.dsl().execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
        db.dsl().execute("INSERT INTO accounts VALUES (1, 100), (2, 100)");
    }

    /**
     * Write skew under SERIALIZABLE: both transactions read both rows and then each updates a different row. The
     * barrier makes both first attempts read before either writes, so one of them must fail with 40001.
     */
    private static int withdrawWhenTotalAllows(int account, CyclicBarrier bothRead, AtomicInteger attempts,
            TxOptions options) {
        return db.transactions().call(options, tx -> {
            attempts.incrementAndGet();
            int total = total(tx.dsl());
            if (tx.attempt() == 1) {
                await(bothRead);
            }
            if (total >= 150) {
                tx.dsl().query("UPDATE accounts SET balance = balance - 150 WHERE id = {0}", DSL.val(account)).execute();
            }
            return tx.attempt();
        });
    }

    @Test
    void whenTwoSerializableTransactionsConflictThenTheLoserIsRetriedToSuccessAndTheRetryIsCounted()
            throws Exception {
        createAccounts();
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        double retriesBefore = retries();
        TxOptions options = TxOptions.serializable().retries(3);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> withdrawWhenTotalAllows(1, bothRead, attempts, options), twoThreads);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> withdrawWhenTotalAllows(2, bothRead, attempts, options), twoThreads);
        List<Integer> finalAttempts = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

        assertThat(finalAttempts).containsExactlyInAnyOrder(1, 2);
        assertThat(attempts).hasValue(3);
        assertThat(retries() - retriesBefore).isEqualTo(1.0);
        // The retried transaction saw the first one's withdrawal and correctly withdrew nothing.
        assertThat(total(db.dsl())).isEqualTo(50);
    }

    @Test
    void whenRetriesAreNotAllowedThenTheSerializationFailureReachesTheCallerAsRetryable() throws Exception {
        createAccounts();
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        TxOptions options = TxOptions.serializable();

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> withdrawWhenTotalAllows(1, bothRead, attempts, options), twoThreads);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> withdrawWhenTotalAllows(2, bothRead, attempts, options), twoThreads);
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Integer> future : List.of(first, second)) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }

        assertThat(failures).singleElement()
                .isInstanceOf(SerializationFailureException.class)
                .satisfies(e -> assertThat(((SerializationFailureException) e).retryable()).isTrue());
        assertThat(attempts).hasValue(2);
    }

    private static double retries() {
        var counter = registry.find(MetricNames.TRANSACTION_RETRIES).tag(MetricNames.REASON, "serialization_failure")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
