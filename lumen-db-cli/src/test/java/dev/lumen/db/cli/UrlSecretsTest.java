package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.Canaries;
import dev.lumen.db.test.StandalonePostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every URL form that once printed a password in clear (raw {@code /}, {@code ?} or a second {@code @} in the
 * password, {@code password=} and {@code sslpassword=} parameters, URLs that cannot be parsed, a 100 KB password), through the
 * commands a user runs, quietly and with {@code --verbose}, in-process and as a child process. Whatever the
 * commands printed is echoed to this test's output, so {@link SuiteOutputScanTest} scans it too.
 */
class UrlSecretsTest {

    private static final String C = Canaries.PASSWORD;

    static StandalonePostgres server;

    @BeforeAll
    static void start() {
        server = StandalonePostgres.start(true);
        server.createUser("app", "the-right-one");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> urls() {
        String at = "localhost:" + server.port() + "/app";
        return List.of(
                "postgres://app:" + C + "/x@" + at,
                "postgres://app:" + C + "?x@" + at,
                "postgres://app:" + C + "@second@" + at,
                "postgresql://app:" + C + "%2Fencoded@" + at + "?sslmode=disable",
                "jdbc:postgresql://app:" + C + "/y?z@" + at,
                "jdbc:postgresql://" + at + "?user=app&password=" + C,
                "jdbc:postgresql://" + at + "?user=app&sslpassword=" + C,
                "postgres://app:" + C + "@db host/lumen",
                "jdbc:postgresql://app:" + C + "@db:99999/lumen",
                "postgres://app:" + C + "@" + at + "?sslmdoe=require",
                "postgres://app:" + C + "x".repeat(100_000) + "@" + at);
    }

    @ParameterizedTest
    @MethodSource("urls")
    void whenAUrlCarriesASecretThenNoCommandPrintsIt(String url) throws Exception {
        List<Cli.Result> results = List.of(
                Cli.run("migrate", "status", "--url", url),
                Cli.run("--verbose", "migrate", "up", "--url", url),
                Cli.run("health", "--json", "--url", url),
                Cli.runProcess(Map.of("LUMEN_DB_URL", url), "--verbose", "migrate", "status"));

        for (Cli.Result result : results) {
            System.out.println("[url-secrets] exit " + result.exitCode() + "\n" + result.out() + result.err());
            assertThat(result.exitCode()).as(result.err()).isIn(ExitCodes.CONNECTION, ExitCodes.CONFIGURATION);
            assertThat(result.out() + result.err()).doesNotContain(C).doesNotContain(Canaries.PREFIX);
        }
    }
}
