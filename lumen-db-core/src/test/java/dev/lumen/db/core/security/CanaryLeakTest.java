package dev.lumen.db.core.security;

import static dev.lumen.db.core.fixture.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.Secret;
import dev.lumen.db.core.config.SslMode;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.Canaries;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.StandalonePostgres;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A canary password and canary personal data go through every path that reports something: start-up failures,
 * constraint violations, invalid input, timeouts, slow-query logs, rollbacks. Not one character of them may show
 * up in a log line (at any level), a meter, an exception message, a stack trace or a {@code toString}.
 */
@LumenDbTest
class CanaryLeakTest {

    @Test
    void whenSecretsAndPersonalDataFlowThroughEveryFailurePathThenNoneReachesAnyOutput(TestDatabase database)
            throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        List<Throwable> failures = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try {
            // Wrong password, as a value and inside URLs.
            try (StandalonePostgres server = StandalonePostgres.start(true)) {
                server.createUser("app", "right-password");
                String host = "localhost:" + server.port();
                for (String url : List.of(server.jdbcUrl("app"),
                        "postgres://app:" + Canaries.PASSWORD + "@" + host + "/app",
                        server.jdbcUrl("app") + "?password=" + Canaries.PASSWORD,
                        // raw '/', '?' and a second '@' inside the password, and a secret driver parameter
                        "postgres://app:" + Canaries.PASSWORD + "/x@" + host + "/app",
                        "postgres://app:" + Canaries.PASSWORD + "?x@" + host + "/app",
                        "jdbc:postgresql://app:" + Canaries.PASSWORD + "@x@" + host + "/app",
                        server.jdbcUrl("app") + "?sslpassword=" + Canaries.PASSWORD)) {
                    var config = new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of("lumen.db.url", url,
                            "lumen.db.user", "app", "lumen.db.password", Canaries.PASSWORD)).load(Environment.TEST);
                    printed.add(config.toString());
                    printed.add(config.connection().toString());
                    printed.add(config.connection().url());
                    failures.add(catchThrowable(() -> LumenDb.start(config, registry)));
                }
                // URLs that cannot be parsed: the error must not quote them.
                for (String url : List.of("postgres://app:" + Canaries.PASSWORD + "@local host/app",
                        "jdbc:postgresql://app:" + Canaries.PASSWORD + "@" + host + "/app?password=x&" + Canaries.PASSWORD,
                        "postgres://app:" + Canaries.PASSWORD + "@" + host + ":99999/app")) {
                    failures.add(catchThrowable(() -> new ConfigLoader(Map.of(), new Properties())
                            .withOverrides(Map.of("lumen.db.url", url)).load(Environment.TEST)));
                }
                // A ConnectionConfig built by hand from a URL with credentials lifts and masks them too.
                ConnectionConfig direct = new ConnectionConfig("jdbc:postgresql://app:" + Canaries.PASSWORD + "@" + host
                        + "/app", "", Secret.empty(), Duration.ofSeconds(3), Duration.ZERO, Duration.ZERO, true, true,
                        "canary", SslMode.DISABLE, null);
                printed.add(direct.toString());
                printed.add(direct.url());
            }
            // Personal data in bind values through failing and slow statements, with DEBUG logging on.
            try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database,
                    Map.of("lumen.db.slow-query-threshold", "1ms")), registry,
                    dev.lumen.db.core.tx.AmbientTransactions.NONE, dev.lumen.db.core.fixture.DefaultSchema.DEFAULT_SCHEMA)) {
                db.dsl().insertInto(USERS).set(USERS.EMAIL, Canaries.EMAIL).set(USERS.PASSWORD_HASH, Canaries.SECRET)
                        .execute();
                failures.add(catchThrowable(() -> db.dsl().insertInto(USERS).set(USERS.EMAIL, Canaries.EMAIL)
                        .set(USERS.PASSWORD_HASH, Canaries.SECRET).execute()));
                failures.add(catchThrowable(() -> db.dsl().insertInto(USERS).set(USERS.EMAIL, "x")
                        .set(USERS.PASSWORD_HASH, Canaries.SECRET).execute()));
                failures.add(catchThrowable(() -> db.dsl().select(DSL.cast(DSL.val(Canaries.EMAIL), UUID.class))
                        .fetch()));
                failures.add(catchThrowable(() -> db.dsl().select(DSL.cast(DSL.val(Canaries.SECRET), Integer.class))
                        .fetch()));
                failures.add(catchThrowable(() -> db.transactions().run(TxOptions.defaults()
                        .timeout(Duration.ofMillis(100)), tx -> tx.dsl().select(DSL.field("pg_sleep(1)"),
                        DSL.val(Canaries.SECRET)).fetch())));
                failures.add(catchThrowable(() -> db.transactions().run(TxOptions.readOnlyDefaults(),
                        tx -> tx.dsl().update(USERS).set(USERS.FIRST_NAME, Canaries.EMAIL).execute())));
                db.dsl().selectFrom(USERS).where(USERS.EMAIL.eq(Canaries.EMAIL)).fetch();
                printed.add(db.health().check().toString());
                printed.add(db.config().toString());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.detachAppender(logs);
            root.setLevel(level);
        }

        for (ILoggingEvent event : logs.list) {
            printed.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                printed.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        printed.add(console.toString(StandardCharsets.UTF_8));
        for (Meter meter : registry.getMeters()) {
            printed.add(meter.getId().toString());
        }
        for (Throwable failure : failures) {
            assertThat(failure).isNotNull();
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            printed.add(trace.toString());
            printed.add(failure.toString());
        }
        assertThat(logs.list).as("the run produced log lines to scan").hasSizeGreaterThan(10);
        assertThat(failures).hasSize(16);
        assertThat(printed).noneMatch(text -> text.contains(Canaries.PREFIX));
    }
}
