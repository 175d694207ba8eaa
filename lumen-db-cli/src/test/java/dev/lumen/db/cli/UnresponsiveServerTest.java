package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.StandalonePostgres;
import dev.lumen.db.test.TcpRelay;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops answering in the middle of a migration (a relay that keeps the connection open but
 * forwards nothing, like a network partition or a frozen VM): the command ends with one line instead of hanging.
 */
class UnresponsiveServerTest {

    @TempDir
    Path folder;

    @Test
    void whenNothingIsConfiguredThenTheCommandStillReadsWithAFiniteSocketTimeout() {
        ConnectionOptions options = new ConnectionOptions();
        options.url = "jdbc:postgresql://127.0.0.1:1/x";
        try (DatabaseSession session = DatabaseSession.open(options, new PrintWriter(Writer.nullWriter()))) {
            // dev's own default is 0 (off): a server that stops answering would hang the command for good.
            assertThat(session.config().connection().socketTimeout()).isEqualTo(DatabaseSession.SOCKET_TIMEOUT);
            assertThat(DatabaseSession.SOCKET_TIMEOUT).isPositive();
        }
    }

    @Test
    void whenTheServerStopsAnsweringMidMigrationThenTheCommandEndsWithOneLine() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE t (id int);\nSELECT pg_sleep(4);\n");
        try (StandalonePostgres server = StandalonePostgres.start()) {
            for (String run : List.of("dev mid-migration", "prod mid-migration", "prod from the first byte")) {
                String environment = run.substring(0, run.indexOf(' '));
                boolean fromStart = run.endsWith("first byte");
                try (TcpRelay relay = TcpRelay.start("127.0.0.1", server.port())) {
                    String url = "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres";
                    // The command's own 5-minute default would make this test slow: the same path with 3 s.
                    Map<String, String> environmentVariables = environment.equals("dev")
                            ? Map.of("LUMEN_DB_SOCKET_TIMEOUT", "3s")
                            : Map.of("LUMEN_DB_URL", url, "LUMEN_DB_USER", "postgres", "LUMEN_DB_SSL_MODE", "disable",
                                    "LUMEN_DB_SOCKET_TIMEOUT", "3s");
                    String[] args = environment.equals("dev")
                            ? new String[] {"migrate", "up", "--url", url, "--user", "postgres", "--migrations",
                                migrations.toString()}
                            : new String[] {"migrate", "up", "--env", "prod", "--migrations", migrations.toString()};
                    if (fromStart) {
                        relay.blackHole(true);
                    }
                    try (Child child = Child.start(folder, List.of(), environmentVariables, args)) {
                        if (!fromStart) {
                            assertThat(child.await(() -> sleeping(server), Duration.ofSeconds(60)))
                                    .as(child.err()).isTrue();
                            relay.blackHole(true);
                        }
                        long cut = System.nanoTime();
                        int code = child.waitFor(Duration.ofSeconds(60));
                        long millis = (System.nanoTime() - cut) / 1_000_000;
                        List<String> errLines = child.err().lines().filter(line -> !line.isBlank()).toList();
                        System.out.printf("[reliability] cli: server stopped answering (%s, socket timeout 3 s) ->"
                                + " exit %d after %d ms, %d line(s) on stderr: %s%n", run, code, millis,
                                errLines.size(), errLines);
                        assertThat(code).isEqualTo(ExitCodes.CONNECTION);
                        // prod also warns that TLS is off (this test's server has none): that line is expected.
                        assertThat(errLines.stream().filter(line -> !line.contains("ssl.mode is disable in prod")))
                                .singleElement().asString().startsWith("lumen-db: ")
                                .contains(fromStart ? "Cannot connect" : "the connection to PostgreSQL was lost");
                        assertThat(Duration.ofMillis(millis)).isLessThan(Duration.ofSeconds(30));
                    }
                }
                try (Connection connection = server.superuser("postgres").getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS t");
                    statement.execute("DROP TABLE IF EXISTS flyway_schema_history");
                }
            }
        }
    }

    private static boolean sleeping(StandalonePostgres server) {
        try (Connection connection = server.superuser("postgres").getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE '%pg_sleep(4)%' AND pid <> pg_backend_pid()")) {
            return rows.next() && rows.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
