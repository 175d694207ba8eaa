package dev.lumen.db.spring;

import static dev.lumen.db.schema.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.error.ReadOnlyTransactionException;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acceptance 1: {@code @Transactional} and {@code @LumenTransactional} options are the server's: isolation and
 * read-only read back with {@code current_setting}, a write in a read-only transaction fails with lumen-db's
 * {@link ReadOnlyTransactionException}, and {@code timeout = 1} stops {@code pg_sleep(3)} with
 * {@link QueryTimeoutException} in under two seconds.
 */
@LumenDbTest
class TransactionOptionsTest {

    private final ApplicationContextRunner runner;

    TransactionOptionsTest(TestDatabase database) {
        this.runner = Contexts.runner(database).withUserConfiguration(Services.class);
    }

    @Test
    void whenTransactionalAsksForIsolationAndReadOnlyThenTheServerRunsWithThem() {
        runner.run(context -> {
            Options options = context.getBean(Options.class);

            assertThat(options.springSerializableReadOnly()).containsExactly("serializable", "on");
            assertThat(options.springRepeatableRead()).containsExactly("repeatable read", "off");
            assertThat(options.lumenSerializableReadOnly()).containsExactly("serializable", "on");
            assertThat(options.lumenRepeatableRead()).containsExactly("repeatable read", "off");
            // Nothing leaks into the next transaction on the same pooled connection.
            assertThat(options.springDefaults()).containsExactly("read committed", "off");
        });
    }

    @Test
    void whenAReadOnlyTransactionWritesThenLumenDbsReadOnlyExceptionIsThrown() {
        runner.run(context -> {
            Options options = context.getBean(Options.class);

            assertThatExceptionOfType(ReadOnlyTransactionException.class).isThrownBy(options::springReadOnlyWrite);
            assertThatExceptionOfType(ReadOnlyTransactionException.class).isThrownBy(options::lumenReadOnlyWrite);
            assertThat(context.getBean(DSLContext.class).fetchCount(ROLES, ROLES.NAME.eq("read-only"))).isZero();
        });
    }

    @Test
    void whenTheTimeoutIsOneSecondThenPgSleepOfThreeIsStoppedByTheServerInUnderTwoSeconds() {
        runner.run(context -> {
            Options options = context.getBean(Options.class);

            long started = System.nanoTime();
            assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(options::springSleep);
            Duration spring = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(options::lumenSleep);
            Duration lumen = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("timeout=1 stopped pg_sleep(3) after %d ms (@Transactional), %d ms (@LumenTransactional)%n",
                    spring.toMillis(), lumen.toMillis());
            assertThat(spring).isLessThan(Duration.ofSeconds(2)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(lumen).isLessThan(Duration.ofSeconds(2)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {
        @Bean
        Options options(DSLContext dsl) {
            return new Options(dsl);
        }
    }

    /** Methods with each kind of option; they report what the server says. */
    public static class Options {
        private final DSLContext dsl;

        Options(DSLContext dsl) {
            this.dsl = dsl;
        }

        private List<String> settings() {
            var row = dsl.select(DSL.field("current_setting('transaction_isolation')", SQLDataType.VARCHAR),
                    DSL.field("current_setting('transaction_read_only')", SQLDataType.VARCHAR)).fetchSingle();
            return List.of(row.value1(), row.value2());
        }

        @Transactional(isolation = Isolation.SERIALIZABLE, readOnly = true)
        public List<String> springSerializableReadOnly() {
            return settings();
        }

        @Transactional(isolation = Isolation.REPEATABLE_READ)
        public List<String> springRepeatableRead() {
            return settings();
        }

        @Transactional
        public List<String> springDefaults() {
            return settings();
        }

        @LumenTransactional(isolation = dev.lumen.db.core.tx.Isolation.SERIALIZABLE, readOnly = true)
        public List<String> lumenSerializableReadOnly() {
            return settings();
        }

        @LumenTransactional(isolation = dev.lumen.db.core.tx.Isolation.REPEATABLE_READ)
        public List<String> lumenRepeatableRead() {
            return settings();
        }

        @Transactional(readOnly = true)
        public void springReadOnlyWrite() {
            dsl.insertInto(ROLES).set(ROLES.NAME, "read-only").execute();
        }

        @LumenTransactional(readOnly = true)
        public void lumenReadOnlyWrite() {
            dsl.insertInto(ROLES).set(ROLES.NAME, "read-only").execute();
        }

        @Transactional(timeout = 1)
        public void springSleep() {
            dsl.execute("SELECT pg_sleep(3)");
        }

        @LumenTransactional(timeout = 1)
        public void lumenSleep() {
            dsl.execute("SELECT pg_sleep(3)");
        }
    }
}
