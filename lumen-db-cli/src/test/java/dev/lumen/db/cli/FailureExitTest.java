package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.StandalonePostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureExitTest {

    private static final String CANARY = dev.lumen.db.test.Canaries.PASSWORD;

    @Test
    void whenThePortIsClosedThenOneLineNamesTheProblemWithinFifteenSeconds() throws Exception {
        Cli.Result result = Cli.runProcess(Map.of("LUMEN_DB_PASSWORD", CANARY),
                "migrate", "up", "--url", "jdbc:postgresql://127.0.0.1:1/x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("lumen-db: Cannot connect to PostgreSQL at 127.0.0.1:1/x as lumen: connection refused");
        assertThat(result.out() + result.err()).doesNotContain(CANARY);
    }

    @Test
    void whenTheServerIsDownThenHealthJsonStillPrintsADownDocumentOnStdout() throws Exception {
        Cli.Result result = Cli.run("health", "--json", "--url", "jdbc:postgresql://127.0.0.1:1/x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(result.out()).contains("\"status\" : \"DOWN\"", "\"pingLatency\" : null")
                .contains("Cannot connect to PostgreSQL at 127.0.0.1:1/x as lumen: connection refused");
        assertThat(result.errLines()).singleElement().asString().startsWith("lumen-db: Cannot connect");
    }

    @Test
    void whenNoPasswordIsGivenToAServerThatWantsOneThenItSaysSoAndNotThatTheServerIsUnreachable() throws Exception {
        try (StandalonePostgres server = StandalonePostgres.start(true)) {
            server.createUser("app", "the-right-one");

            Cli.Result result = Cli.runProcess(Map.of(), "migrate", "status", "--url", server.jdbcUrl("app"),
                    "--user", "app");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.CONNECTION);
            assertThat(result.errLines()).singleElement().asString().startsWith("lumen-db: Cannot connect to"
                    + " PostgreSQL at localhost:" + server.port() + "/app as app: the server asks for a password and"
                    + " none was given");
        }
    }

    @Test
    void whenThePasswordIsWrongThenOneLineSaysSoWithoutThePassword() throws Exception {
        try (StandalonePostgres server = StandalonePostgres.start(true)) {
            server.createUser("app", "the-right-one");

            Cli.Result fromVariable = Cli.runProcess(Map.of("LUMEN_DB_PASSWORD", CANARY),
                    "migrate", "up", "--url", server.jdbcUrl("app"), "--user", "app");
            Cli.Result fromUri = Cli.run("health", "--url",
                    "postgres://app:" + CANARY + "@localhost:" + server.port() + "/app");

            for (Cli.Result result : new Cli.Result[] {fromVariable, fromUri}) {
                assertThat(result.exitCode()).isEqualTo(ExitCodes.CONNECTION);
                assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
                assertThat(result.errLines()).singleElement().asString()
                        .startsWith("lumen-db: Cannot connect to PostgreSQL at localhost:" + server.port()
                                + "/app as app: the server refused the user or password");
                assertThat(result.out() + result.err()).doesNotContain(CANARY);
            }
        }
    }

    @Test
    void whenTheUsageIsWrongThenExitCodeTwoAndTheUsageIsShown() {
        Cli.Result result = Cli.run("migrate", "sideways");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unmatched argument at index 1: 'sideways'", "Did you mean: migrate");
    }

    @Test
    void whenTheConfigurationIsInvalidThenExitCodeFiveNamesTheKey() {
        Cli.Result result = Cli.run("health", "--url", "mysql://db/x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("lumen-db: lumen.db.url (from override lumen.db.url) is not a PostgreSQL URL: expected"
                        + " jdbc:postgresql://host:5432/database or postgres://user@host/database");
    }

    @Test
    void whenAskedForHelpThenEveryCommandDescribesItself() {
        assertThat(Cli.run("--help").out()).contains("migrate", "health", "demo", "Exit codes:");
        assertThat(Cli.run("migrate", "--help").out()).contains("up", "down", "status", "validate", "repair",
                "baseline", "create");
        assertThat(Cli.run("migrate", "down", "--help").out()).contains("--url", "--data-dir", "--password-env");
    }
}
