package dev.lumen.db.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TcpRelay;
import dev.lumen.db.test.TcpRelay.Cut;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection cut at the moment COMMIT goes out (a relay between lumen-db and the server drops it before the
 * server sees it, or after the server committed but before the reply arrives) is "outcome unknown": its own
 * non-retryable type, the transaction is never rerun, and no after-commit action runs.
 */
@LumenDbTest(migrated = false)
class CommitOutcomeTest {

    private static final Table<?> NOTES = DSL.table(DSL.name("notes"));
    private static final Field<String> TEXT = DSL.field(DSL.name("text"), String.class);

    static TcpRelay relay;
    static LumenDb db;
    static SimpleMeterRegistry registry;
    static TestDatabase database;

    @BeforeAll
    static void start(TestDatabase testDatabase) throws Exception {
        database = testDatabase;
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, text text)");
        }
        URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        relay = TcpRelay.start(server.getHost(), server.getPort());
        registry = new SimpleMeterRegistry();
        db = LumenDb.start(TestConfigs.forDatabase(database, Map.of(
                "lumen.db.url", "jdbc:postgresql://127.0.0.1:" + relay.port() + server.getPath(),
                "lumen.db.pool.max-size", "2", "lumen.db.pool.min-idle", "0", "lumen.db.socket-timeout", "10s")),
                registry);
    }

    @AfterAll
    static void stop() {
        db.close();
        relay.close();
    }

    @BeforeEach
    void empty() {
        relay.stopCutting();
        db.dsl().deleteFrom(NOTES).execute();
    }

    private static long stored(String text) throws Exception {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM notes WHERE text = '" + text + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void whenTheReplyToCommitIsLostThenTheOutcomeIsUnknownTheWorkRanOnceAndTheRowIsThere() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger afterCommit = new AtomicInteger();
        relay.cutNextMessageContaining("COMMIT", Cut.DROP_REPLY);

        assertThatExceptionOfType(CommitOutcomeUnknownException.class)
                .isThrownBy(() -> db.transactions().run(TxOptions.serializable().retries(3), tx -> {
                    runs.incrementAndGet();
                    tx.afterCommit(afterCommit::incrementAndGet);
                    tx.dsl().insertInto(NOTES).set(TEXT, "in-doubt").execute();
                }))
                .satisfies(e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).startsWith("Connection lost after the commit was sent: the transaction"
                            + " may or may not have committed");
                });

        assertThat(relay.cuts()).isPositive();
        assertThat(runs).as("never rerun").hasValue(1);
        assertThat(afterCommit).as("no after-commit action for an unknown outcome").hasValue(0);
        assertThat(stored("in-doubt")).as("the server did commit").isEqualTo(1);
        assertThat(registry.find(MetricNames.TRANSACTION).tag(MetricNames.OUTCOME, "unknown").timer())
                .isNotNull().satisfies(t -> assertThat(t.count()).isEqualTo(1));
        assertThat(db.dsl().fetchCount(NOTES)).as("the pool serves again").isEqualTo(1);
    }

    @Test
    void whenCommitNeverReachesTheServerThenTheOutcomeIsStillUnknownToTheCallerAndNothingIsStored() throws Exception {
        relay.cutNextMessageContaining("COMMIT", Cut.BEFORE_FORWARDING);

        assertThatExceptionOfType(CommitOutcomeUnknownException.class)
                .isThrownBy(() -> db.transactions().run(tx -> tx.dsl().insertInto(NOTES).set(TEXT, "lost").execute()));

        assertThat(stored("lost")).isZero();
    }

    @Test
    void whenAnAutoCommitWriteLosesItsReplyThenItIsUnknownButALostReadStaysRetryable() throws Exception {
        relay.cutNextMessageContaining("insert into", Cut.DROP_REPLY);
        assertThatExceptionOfType(CommitOutcomeUnknownException.class)
                .isThrownBy(() -> db.dsl().insertInto(NOTES).set(TEXT, "auto").execute());
        assertThat(stored("auto")).isEqualTo(1);

        relay.cutNextMessageContaining("select count", Cut.DROP_REPLY);
        assertThatExceptionOfType(UnavailableException.class)
                .isThrownBy(() -> db.dsl().fetchCount(NOTES))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void whenAStatementInsideTheTransactionIsCutThenItIsRetryableBecauseNothingCommitted() throws Exception {
        relay.cutNextMessageContaining("insert into", Cut.DROP_REPLY);

        assertThatExceptionOfType(UnavailableException.class)
                .isThrownBy(() -> db.transactions().run(tx -> tx.dsl().insertInto(NOTES).set(TEXT, "rolled").execute()));

        assertThat(stored("rolled")).as("the server rolled the open transaction back").isZero();
    }
}
