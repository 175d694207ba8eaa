package dev.lumen.db.core;

import static dev.lumen.db.core.fixture.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.tx.AmbientTransaction;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.core.tx.TxPreamble;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ambient-transaction SPI with a host framework in miniature ({@link Host}): inside the host's transaction,
 * the runner and the shared {@code DSLContext} run on its connection, and the host's rollback removes their rows.
 */
@LumenDbTest
class AmbientTransactionTest {

    static Host host;
    static LumenDb db;
    static SimpleMeterRegistry registry;

    @BeforeAll
    static void start(TestDatabase database) {
        host = new Host(database);
        registry = new SimpleMeterRegistry();
        db = LumenDb.start(TestConfigs.forDatabase(database), registry, host);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.dsl().deleteFrom(ROLES).execute();
    }

    private static Record2<Long, Integer> txidAndPid(DSLContext dsl) {
        return dsl.select(DSL.field("txid_current()", SQLDataType.BIGINT), DSL.field("pg_backend_pid()", SQLDataType.INTEGER))
                .fetchSingle();
    }

    private static void insertRole(DSLContext dsl, String name) {
        dsl.insertInto(ROLES).set(ROLES.NAME, name).execute();
    }

    private static long transactionCount() {
        return registry.find(MetricNames.TRANSACTION).timers().stream().mapToLong(t -> t.count()).sum();
    }

    private static List<String> roles() {
        return db.dsl().select(ROLES.NAME).from(ROLES).orderBy(ROLES.NAME).fetch(ROLES.NAME);
    }

    @Test
    void whenTheHostHasATransactionThenRunnerAndSharedDslRunInItAndItsRollbackRemovesTheirRows() {
        List<Record2<Long, Integer>> seen = new ArrayList<>();
        long transactionsBefore = transactionCount();

        host.run(TxOptions.readCommitted(), false, connection -> {
            seen.add(host.txidAndPid(connection));
            seen.add(db.transactions().call(tx -> {
                insertRole(tx.dsl(), "from-runner");
                return txidAndPid(tx.dsl());
            }));
            insertRole(db.dsl(), "from-shared-dsl");
            seen.add(txidAndPid(db.dsl()));
            assertThat(roles()).containsExactly("from-runner", "from-shared-dsl");
        });

        assertThat(seen).hasSize(3).allSatisfy(r -> assertThat(r).isEqualTo(seen.getFirst()));
        assertThat(roles()).isEmpty();
        // Joined work is the host's transaction, not one of the runner's: no transaction timer of its own.
        assertThat(transactionCount()).isEqualTo(transactionsBefore);
    }

    @Test
    void whenTheHostCommitsThenTheJoinedWorkIsKeptAndItsAfterCommitActionsRunOnlyThen() {
        List<String> actions = new CopyOnWriteArrayList<>();

        host.run(TxOptions.defaults(), true, connection -> {
            db.transactions().run(tx -> {
                insertRole(tx.dsl(), "kept");
                tx.afterCommit(() -> actions.add("after-commit"));
            });
            assertThat(actions).as("not before the host commits").isEmpty();
        });

        assertThat(roles()).containsExactly("kept");
        assertThat(actions).containsExactly("after-commit");

        host.run(TxOptions.defaults(), false, connection -> db.transactions().run(tx -> {
            insertRole(tx.dsl(), "rolled-back");
            tx.afterCommit(() -> actions.add("must not run"));
        }));
        assertThat(actions).containsExactly("after-commit");
    }

    @Test
    void whenAJoinedCallFailsThenOnlyItsOwnWorkIsUndoneAsASavepoint() {
        host.run(TxOptions.defaults(), true, connection -> {
            insertRole(db.dsl(), "before");
            assertThatExceptionOfType(UniqueViolationException.class).isThrownBy(() -> db.transactions().run(tx -> {
                insertRole(tx.dsl(), "inside-failed-call");
                insertRole(tx.dsl(), "before");
            }));
            // The host's transaction is still usable after the failed savepoint.
            insertRole(db.dsl(), "after");
        });

        assertThat(roles()).containsExactly("after", "before");
    }

    @Test
    void whenAJoinedCallAsksForAnotherIsolationThenItIsRefusedBeforeRunning() {
        AtomicInteger ran = new AtomicInteger();

        host.run(TxOptions.readCommitted(), false, connection -> assertThatIllegalStateException()
                .isThrownBy(() -> db.transactions().run(TxOptions.serializable(), tx -> ran.incrementAndGet()))
                .withMessageContaining("SERIALIZABLE")
                .withMessageContaining("READ_COMMITTED"));
        // The host left the level to the server (read committed by default): the server's answer decides.
        host.run(TxOptions.defaults(), false, connection -> assertThatIllegalStateException()
                .isThrownBy(() -> db.transactions().run(TxOptions.repeatableRead(), tx -> ran.incrementAndGet())));
        String level = host.inTransaction(TxOptions.defaults(), false, connection -> db.transactions().call(
                TxOptions.readCommitted(), tx -> tx.dsl().fetchValue(
                        DSL.field("current_setting('transaction_isolation')", String.class))));
        String same = host.inTransaction(TxOptions.serializable(), false, connection -> db.transactions().call(
                TxOptions.serializable(), tx -> tx.options().isolation().name()));

        assertThat(ran).hasValue(0);
        assertThat(level).isEqualTo("read committed");
        assertThat(same).isEqualTo("SERIALIZABLE");
    }

    @Test
    void whenAJoinedCallHasATimeoutThenItStopsItsStatementAndTheHostKeepsItsOwnSetting() {
        long started = System.nanoTime();
        String[] after = new String[1];

        host.run(TxOptions.defaults().timeout(Duration.ofSeconds(30)), false, connection -> {
            assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> db.transactions().run(
                    TxOptions.defaults().timeout(Duration.ofMillis(300)),
                    tx -> tx.dsl().execute("SELECT pg_sleep(3)")));
            db.transactions().run(TxOptions.defaults().timeout(Duration.ofSeconds(5)),
                    tx -> tx.dsl().execute("SELECT 1"));
            after[0] = db.dsl().fetchValue(DSL.field("current_setting('statement_timeout')", String.class));
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(after[0]).isEqualTo("30s");
    }

    @Test
    void whenAJoinedCallHitsASerializationFailureThenItIsNotRetriedThere() {
        AtomicInteger attempts = new AtomicInteger();

        host.run(TxOptions.serializable(), false, connection -> assertThatExceptionOfType(
                SerializationFailureException.class).isThrownBy(() -> db.transactions().run(
                TxOptions.serializable().retries(3), tx -> {
                    attempts.incrementAndGet();
                    throw new SerializationFailureException("conflict", "40001", null);
                })));

        assertThat(attempts).hasValue(1);
    }

    @Test
    void whenNoHostTransactionIsOpenThenRunnerAndSharedDslUseConnectionsOfTheirOwn() {
        Record2<Long, Integer> first = db.transactions().call(tx -> {
            insertRole(tx.dsl(), "own");
            return txidAndPid(tx.dsl());
        });
        Record2<Long, Integer> next = txidAndPid(db.dsl());

        assertThat(roles()).containsExactly("own");
        assertThat(next.value1()).isNotEqualTo(first.value1());
    }

    /**
     * A host framework in miniature: opens a transaction on a connection of its own, tells lumen-db through
     * {@link AmbientTransactions}, then commits or rolls back and runs the after-commit actions.
     */
    static final class Host implements AmbientTransactions {

        private final TestDatabase database;
        private final ThreadLocal<Open> current = new ThreadLocal<>();

        Host(TestDatabase database) {
            this.database = database;
        }

        private record Open(Connection connection, TxOptions options, List<Runnable> actions)
                implements AmbientTransaction {
            @Override
            public void afterCommit(Runnable action) {
                actions.add(action);
            }
        }

        @Override
        public @Nullable AmbientTransaction current() {
            return current.get();
        }

        /** Work that may throw SQLException. */
        interface Work<T> {
            T apply(Connection connection) throws SQLException;
        }

        void run(TxOptions options, boolean commit, VoidWork work) {
            inTransaction(options, commit, connection -> {
                work.accept(connection);
                return null;
            });
        }

        /** Work without a result. */
        interface VoidWork {
            void accept(Connection connection) throws SQLException;
        }

        <T> T inTransaction(TxOptions options, boolean commit, Work<T> work) {
            try (Connection connection = database.connection()) {
                connection.setAutoCommit(false);
                String preamble = TxPreamble.sql(options);
                if (preamble != null) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(preamble);
                    }
                }
                Open open = new Open(connection, options, new ArrayList<>());
                current.set(open);
                T result;
                try {
                    result = work.apply(connection);
                } finally {
                    current.remove();
                }
                if (commit) {
                    connection.commit();
                    open.actions().forEach(Runnable::run);
                } else {
                    connection.rollback();
                }
                return result;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        Record2<Long, Integer> txidAndPid(Connection connection) {
            return AmbientTransactionTest.txidAndPid(DSL.using(connection, SQLDialect.POSTGRES));
        }
    }
}
