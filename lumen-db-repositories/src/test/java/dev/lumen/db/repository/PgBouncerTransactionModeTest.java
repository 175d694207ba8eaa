package dev.lumen.db.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.tx.Durability;
import dev.lumen.db.core.tx.Isolation;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import dev.lumen.db.test.cluster.PgBouncer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4 (in {@code ./mvnw verify}): repository work from 16 client threads through PgBouncer 1.18 in
 * transaction mode with 2 server connections, {@code lumen.db.pooler=pgbouncer-transaction}: no "prepared
 * statement does not exist", no session setting left behind on a server connection. The whole suite runs through
 * PgBouncer with {@code -Dlumen.db.test.through-pgbouncer=true} (see the README).
 */
@LumenDbTest
class PgBouncerTransactionModeTest {

    private static final int CLIENTS = 16;
    private static final String SETTINGS = "SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),"
            + " current_setting('synchronous_commit'), current_setting('transaction_isolation'),"
            + " current_setting('default_transaction_read_only'), current_setting('idle_in_transaction_session_timeout')";

    private static TestDatabase database;

    @BeforeAll
    static void available(TestDatabase db) {
        Assumptions.assumeTrue(PgBouncer.unavailableReason().isEmpty(), () -> PgBouncer.unavailableReason().orElseThrow());
        database = db;
    }

    @Test
    void whenSixteenThreadsShareTwoServerConnectionsThenNoPreparedStatementFailsAndNoSessionSettingLeaks()
            throws Exception {
        Map<String, String> values = new HashMap<>(database.lumenDbProperties());
        TestConfigs.throughPgBouncer(values);
        values.put("lumen.db.pool.max-size", Integer.toString(CLIENTS));
        values.put("lumen.db.statement-timeout", "1s");
        String bounced = values.get("lumen.db.url");
        List<String> defaults = settings(values.get("lumen.db.migrations.url"));
        int rounds = Boolean.getBoolean("lumen.db.soak") ? 200 : 15;
        UserRepository users = new UserRepository();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int timeouts;
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, values), new SimpleMeterRegistry())) {
            assertThat(db.migrator().status().pending()).as("migrations over the direct URL").isEmpty();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        try {
                            work(db, users, id, round);
                        } catch (RuntimeException e) {
                            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            // The configured statement timeout reaches every transaction as SET LOCAL, with no session options.
            assertThatThrownBy(() -> db.transactions().run(tx -> tx.dsl().select(DSL.function("pg_sleep",
                    Object.class, DSL.inline(3))).fetch())).isInstanceOf(QueryTimeoutException.class);
            timeouts = 1;
            assertThat(users.count(db, Filter.all())).isEqualTo((long) CLIENTS * rounds);
        }
        long prepared = failures.stream().filter(f -> f.contains("prepared statement")).count();
        int leaked = 0;
        for (int i = 0; i < 20; i++) {
            if (!settings(bounced).equals(defaults)) {
                leaked++;
            }
        }
        int advisory = advisoryLocks(values.get("lumen.db.migrations.url"));
        System.out.println(String.format(Locale.ROOT, "SCALEOUT acceptance4 pgbouncer=1.18-transaction server_connections=2"
                + " client_threads=%d units_of_work=%d failures=%d prepared_statement_errors=%d leaked_session_settings=%d"
                + " session_advisory_locks=%d statement_timeout_via_set_local=%d", CLIENTS, CLIENTS * rounds * 5,
                failures.size(), prepared, leaked, advisory, timeouts));
        assertThat(failures).isEmpty();
        assertThat(prepared).isZero();
        assertThat(leaked).isZero();
        assertThat(advisory).isZero();
    }

    /** Five units of work: an insert, a timed read-modify transaction, a read-only repeatable read, a savepoint that fails, a LOCAL commit. */
    private static void work(LumenDb db, UserRepository users, int client, int round) {
        String email = "c" + client + "r" + round + "@example.com";
        User created = users.create(db, new NewUser(email, "$argon2id$hash", "Ada", "L"));
        db.transactions().run(TxOptions.defaults().timeout(Duration.ofSeconds(2)).lockTimeout(Duration.ofMillis(500)),
                tx -> users.updateLastLogin(tx, created.id()));
        User read = db.transactions().call(TxOptions.readOnlyDefaults().isolation(Isolation.REPEATABLE_READ),
                tx -> users.findByEmail(tx, email).orElseThrow());
        assertThat(read.id()).isEqualTo(created.id());
        db.transactions().run(tx -> {
            try {
                tx.savepoint((dev.lumen.db.core.tx.TxFunction<User>) inner -> users.create(inner,
                        new NewUser(email, "$argon2id$hash", "Dup", "L")));
            } catch (UniqueViolationException expected) {
                // The savepoint rolled back; the transaction goes on.
            }
            users.find(tx, created.id()).orElseThrow();
        });
        db.transactions().run(TxOptions.defaults().durability(Durability.LOCAL),
                tx -> users.updateLastLogin(tx, created.id()));
    }

    private static List<String> settings(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                + "prepareThreshold=0", properties());
                PreparedStatement statement = connection.prepareStatement(SETTINGS);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                values.add(rows.getString(i));
            }
            return values;
        }
    }

    private static int advisoryLocks(String directUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(directUrl, properties());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        if (database.lumenDbProperties().get("lumen.db.password") != null) {
            properties.setProperty("password", database.lumenDbProperties().get("lumen.db.password"));
        }
        return properties;
    }
}
