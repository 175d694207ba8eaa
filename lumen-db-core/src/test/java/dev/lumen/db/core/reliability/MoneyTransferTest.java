package dev.lumen.db.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.DatabaseException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Serializable transfers between 10 accounts from 16 threads: money is neither created nor destroyed. */
@LumenDbTest
class MoneyTransferTest {

    private static final Table<?> ACCOUNTS = DSL.table(DSL.name("accounts"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), Integer.class);
    private static final Field<Long> BALANCE = DSL.field(DSL.name("balance"), Long.class);

    @Test
    void whenSixteenThreadsTransferMoneyUnderSerializableThenTheTotalIsPreservedExactly(TestDatabase database)
            throws Exception {
        long seconds = Long.getLong("lumen.reliability.transfer-seconds", Figures.SOAK ? 600 : 30);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, Map.of("lumen.db.pool.max-size", "8",
                "lumen.db.pool.acquire-timeout", "30s")), registry)) {
            db.dsl().execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))");
            for (int id = 0; id < 10; id++) {
                db.dsl().insertInto(ACCOUNTS).set(ID, id).set(BALANCE, 1_000L).execute();
            }
            AtomicLong committed = new AtomicLong();
            AtomicLong gaveUp = new AtomicLong();
            AtomicLong otherFailures = new AtomicLong();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        int from = random.nextInt(10);
                        int to = (from + 1 + random.nextInt(9)) % 10;
                        long amount = 1 + random.nextInt(100);
                        try {
                            db.transactions().run(TxOptions.serializable().retries(10), tx -> {
                                long balance = tx.dsl().select(BALANCE).from(ACCOUNTS).where(ID.eq(from)).fetchSingle(BALANCE);
                                if (balance >= amount) {
                                    tx.dsl().update(ACCOUNTS).set(BALANCE, BALANCE.minus(amount)).where(ID.eq(from)).execute();
                                    tx.dsl().update(ACCOUNTS).set(BALANCE, BALANCE.plus(amount)).where(ID.eq(to)).execute();
                                }
                            });
                            committed.incrementAndGet();
                        } catch (SerializationFailureException e) {
                            gaveUp.incrementAndGet();
                        } catch (DatabaseException e) {
                            otherFailures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long total = db.dsl().select(DSL.sum(BALANCE)).from(ACCOUNTS).fetchSingle().value1().longValue();
            long negative = db.dsl().fetchCount(ACCOUNTS, BALANCE.lt(0L));
            double retries = registry.find(MetricNames.TRANSACTION_RETRIES).counters().stream()
                    .mapToDouble(Counter::count).sum();
            double exhausted = registry.find(MetricNames.TRANSACTION_RETRIES_EXHAUSTED).counters().stream()
                    .mapToDouble(Counter::count).sum();

            Figures.report("money transfer", String.format("16 threads x %d s over 10 accounts: %d transfers"
                            + " committed (%.0f/s), %.0f retries, %d gave up after 10 retries, %d other failures;"
                            + " total %d of 10000, %d negative balances", seconds, committed.get(),
                    committed.get() / (double) seconds, retries, gaveUp.get(), otherFailures.get(), total, negative));
            assertThat(total).isEqualTo(10_000L);
            assertThat(negative).isZero();
            assertThat(otherFailures).hasValue(0);
            assertThat(committed.get()).isPositive();
            assertThat(retries).isPositive();
            assertThat(exhausted).isEqualTo(gaveUp.get());
        }
    }
}
