package dev.lumen.db.spring;

import static dev.lumen.db.schema.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.tx.Isolation;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acceptance 3: two threads in conflicting SERIALIZABLE {@code @LumenTransactional(retries = 3)} methods both
 * finish, because the loser of the conflict reruns the whole method; the retry counter moved. A method that
 * joined an outer transaction makes one attempt.
 */
@LumenDbTest
class RetryTest {

    private final ApplicationContextRunner runner;

    RetryTest(TestDatabase database) {
        this.runner = Contexts.runner(database).withUserConfiguration(Services.class);
    }

    private static double retries(MeterRegistry registry) {
        return registry.find(MetricNames.TRANSACTION_RETRIES).tag(MetricNames.REASON, "serialization_failure")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void whenTwoSerializableMethodsConflictThenBothFinishAfterARetryAndTheCounterMoved() throws Exception {
        runner.run(context -> {
            OnCall onCall = context.getBean(OnCall.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(DSLContext.class).deleteFrom(ROLES).execute();
            double before = retries(registry);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                // Each reads the on-call roles, waits until the other has read them too, then adds its own:
                // a write skew that SERIALIZABLE refuses for one of the two.
                Future<Integer> first = threads.submit(() -> onCall.join("oncall-a"));
                Future<Integer> second = threads.submit(() -> onCall.join("oncall-b"));

                int seenByFirst = first.get(30, TimeUnit.SECONDS);
                int seenBySecond = second.get(30, TimeUnit.SECONDS);
                double moved = retries(registry) - before;
                System.out.printf("conflicting @LumenTransactional(retries = 3): %d attempts, retry counter +%.0f%n",
                        onCall.attempts(), moved);

                assertThat(List.of(seenByFirst, seenBySecond)).containsExactlyInAnyOrder(0, 1);
                assertThat(context.getBean(DSLContext.class).fetchCount(ROLES)).isEqualTo(2);
                assertThat(onCall.attempts()).isGreaterThanOrEqualTo(3);
                assertThat(moved).isGreaterThanOrEqualTo(1.0).isEqualTo(onCall.attempts() - 2.0);
                // Each method is one transaction on the runner's timer, its retries included.
                assertThat(registry.find(MetricNames.TRANSACTION).tag(MetricNames.OUTCOME, "committed")
                        .tag(MetricNames.ISOLATION, "serializable").timer().count()).isEqualTo(2);
            } finally {
                threads.shutdownNow();
            }
        });
    }

    @Test
    void whenTheMethodJoinsAnOuterTransactionThenItMakesOneAttempt() {
        runner.run(context -> {
            Outer outer = context.getBean(Outer.class);
            OnCall onCall = context.getBean(OnCall.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            double before = retries(registry);

            assertThatExceptionOfType(SerializationFailureException.class).isThrownBy(outer::callsConflicting);

            assertThat(onCall.conflicts()).isEqualTo(1);
            assertThat(retries(registry)).isEqualTo(before);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        OnCall onCall(LumenDb db) {
            return new OnCall(db);
        }

        @Bean
        Outer outer(OnCall onCall) {
            return new Outer(onCall);
        }
    }

    /** The service whose methods conflict. */
    public static class OnCall {
        private final LumenDb db;
        private final CyclicBarrier bothRead = new CyclicBarrier(2);
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();
        private final ThreadLocal<Integer> attemptOfThread = ThreadLocal.withInitial(() -> 0);

        OnCall(LumenDb db) {
            this.db = db;
        }

        /** Attempts of {@link #join}, all threads (a method: the test sees the proxy, not this object). */
        public int attempts() {
            return attempts.get();
        }

        /** Attempts of {@link #conflicting}. */
        public int conflicts() {
            return conflicts.get();
        }

        @LumenTransactional(isolation = Isolation.SERIALIZABLE, retries = 3)
        public int join(String name) throws Exception {
            attempts.incrementAndGet();
            int attempt = attemptOfThread.get() + 1;
            attemptOfThread.set(attempt);
            int seen = db.dsl().fetchCount(ROLES, ROLES.NAME.like("oncall-%"));
            if (attempt == 1) {
                bothRead.await(10, TimeUnit.SECONDS);
            }
            db.dsl().insertInto(ROLES).set(ROLES.NAME, name).execute();
            return seen;
        }

        @LumenTransactional(isolation = Isolation.SERIALIZABLE, retries = 3)
        public void conflicting() {
            conflicts.incrementAndGet();
            throw new SerializationFailureException("conflict", "40001", null);
        }
    }

    /** Opens the transaction the retrying method joins. */
    public static class Outer {
        private final OnCall onCall;

        Outer(OnCall onCall) {
            this.onCall = onCall;
        }

        @Transactional(isolation = org.springframework.transaction.annotation.Isolation.SERIALIZABLE)
        public void callsConflicting() {
            onCall.conflicting();
        }
    }
}
