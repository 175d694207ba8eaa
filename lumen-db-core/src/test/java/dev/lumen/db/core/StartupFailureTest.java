package dev.lumen.db.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.ConfigurationException;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.error.ConnectionFailedException.Reason;
import dev.lumen.db.test.StandalonePostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

    private static final String RIGHT_PASSWORD = "right-horse-battery";
    private static final String WRONG_PASSWORD = dev.lumen.db.test.Canaries.PASSWORD;

    static StandalonePostgres server;

    @BeforeAll
    static void startServerThatWantsPasswords() {
        server = StandalonePostgres.start(true);
        server.createUser("app", RIGHT_PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static DatabaseConfig config(String url, String user, String password) {
        return new ConfigLoader(Map.of(), new Properties())
                .withOverrides(Map.of("lumen.db.url", url, "lumen.db.user", user, "lumen.db.password", password,
                        "lumen.db.connect-timeout", "3s"))
                .load(Environment.TEST);
    }

    @Test
    void whenThePasswordIsRightThenStartSucceedsAndReportsTheServer() {
        try (LumenDb db = LumenDb.start(config(server.jdbcUrl("app"), "app", RIGHT_PASSWORD), new SimpleMeterRegistry())) {
            assertThat(db.server().user()).isEqualTo("app");
            assertThat(db.server().majorVersion()).isGreaterThanOrEqualTo(13);
            assertThat(db.config().toString()).doesNotContain(RIGHT_PASSWORD);
        }
    }

    @Test
    void whenThePasswordIsWrongThenOneLineSaysAuthenticationFailedWithoutThePassword() {
        assertThatExceptionOfType(ConnectionFailedException.class)
                .isThrownBy(() -> LumenDb.start(config(server.jdbcUrl("app"), "app", WRONG_PASSWORD),
                        new SimpleMeterRegistry()))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
                    assertThat(e.getMessage()).startsWith("Cannot connect to PostgreSQL at localhost:" + server.port()
                            + "/app as app: the server refused the user or password").doesNotContain("\n");
                    assertNoPassword(e, WRONG_PASSWORD);
                });
    }

    @Test
    void whenNoPasswordIsGivenToAServerThatWantsOneThenAuthenticationFailsAndIsNotRetryable() {
        assertThatExceptionOfType(ConnectionFailedException.class)
                .isThrownBy(() -> LumenDb.start(config(server.jdbcUrl("app"), "app", ""), new SimpleMeterRegistry()))
                .satisfies(e -> {
                    // pgjdbc raises SQLSTATE 08004 here: a refusal to be configured, not an outage to wait out.
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).startsWith("Cannot connect to PostgreSQL at localhost:" + server.port()
                            + "/app as app: the server asks for a password and none was given")
                            .contains("lumen.db.password").doesNotContain("refused or timed out");
                });
    }

    @Test
    void whenThePasswordIsChangedWhileRunningThenQueriesFailAsAuthenticationNotAsARetryableOutage() {
        server.createUser("rotating", RIGHT_PASSWORD);
        DatabaseConfig config = new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of(
                "lumen.db.url", server.jdbcUrl("rotating"), "lumen.db.user", "rotating",
                "lumen.db.password", RIGHT_PASSWORD, "lumen.db.application-name", "rotating-app",
                "lumen.db.pool.acquire-timeout", "1s", "lumen.db.connect-timeout", "3s")).load(Environment.TEST);
        try (LumenDb db = LumenDb.start(config, new SimpleMeterRegistry())) {
            assertThat(db.dsl().selectOne().fetchOne(0, Integer.class)).isEqualTo(1);
            try (var admin = server.superuser("postgres").getConnection();
                    var statement = admin.createStatement()) {
                statement.execute("ALTER ROLE rotating PASSWORD 'rotated-elsewhere'");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            assertThat(server.terminateBackends("rotating-app")).isPositive();

            // The pool may still lend a connection it has not yet found dead: that one fails as lost (retryable,
            // rightly). The first attempt that needs a new connection meets the changed password.
            Throwable thrown = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                thrown = org.assertj.core.api.Assertions.catchThrowable(() -> db.dsl().selectOne().fetch());
                if (!(thrown instanceof dev.lumen.db.core.error.UnavailableException lost)
                        || lost.getMessage().startsWith("No database connection available")) {
                    break;
                }
            }

            assertThat(thrown).isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).startsWith("The server refused the user or password: ");
                assertNoPassword(e, RIGHT_PASSWORD);
            });
        }
    }

    @Test
    void whenThePasswordIsWrongInAPostgresUriThenItIsMaskedToo() {
        String uri = "postgres://app:" + WRONG_PASSWORD + "@localhost:" + server.port() + "/app";
        DatabaseConfig config = new ConfigLoader(Map.of(), new Properties())
                .withOverrides(Map.of("lumen.db.url", uri)).load(Environment.TEST);

        assertThat(config.connection().user()).isEqualTo("app");
        assertThat(config.toString()).doesNotContain(WRONG_PASSWORD);
        assertThatExceptionOfType(ConnectionFailedException.class)
                .isThrownBy(() -> LumenDb.start(config, new SimpleMeterRegistry()))
                .satisfies(e -> assertNoPassword(e, WRONG_PASSWORD));
    }

    @Test
    void whenNothingListensOnThePortThenTheServerIsUnreachable() {
        long started = System.nanoTime();

        assertThatExceptionOfType(ConnectionFailedException.class)
                .isThrownBy(() -> LumenDb.start(config("jdbc:postgresql://127.0.0.1:1/x", "app", WRONG_PASSWORD),
                        new SimpleMeterRegistry()))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("Cannot connect to PostgreSQL at 127.0.0.1:1/x as app:");
                    assertNoPassword(e, WRONG_PASSWORD);
                });
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    @Test
    void whenTheDatabaseDoesNotExistThenItIsNamed() {
        assertThatExceptionOfType(ConnectionFailedException.class)
                .isThrownBy(() -> LumenDb.start(config(server.jdbcUrl("nope"), "postgres", ""), new SimpleMeterRegistry()))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.DATABASE_MISSING))
                .withMessageContaining("\"nope\" does not exist");
    }

    @Test
    void whenTheHostIsUnknownThenTheServerIsUnreachable() {
        assertThatExceptionOfType(ConnectionFailedException.class)
                .isThrownBy(() -> LumenDb.start(config("jdbc:postgresql://no-such-host.invalid:5432/x", "app", "p"),
                        new SimpleMeterRegistry()))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
    }

    @Test
    void whenTheUrlIsMalformedThenConfigurationFailsNamingTheKeyWithoutThePassword() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> config("mysql://app:" + WRONG_PASSWORD + "@db/x", "app", "p"))
                .satisfies(e -> assertThat(e.key()).isEqualTo("lumen.db.url"))
                .withMessageStartingWith("lumen.db.url (from override lumen.db.url) is not a PostgreSQL URL")
                .withMessageNotContaining(WRONG_PASSWORD);
    }

    private static void assertNoPassword(Throwable e, String password) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(password);
        }
    }
}
