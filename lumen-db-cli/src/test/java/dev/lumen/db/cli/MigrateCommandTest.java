package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {

    @TempDir
    Path folder;

    @Test
    void whenNoConnectionIsGivenThenThePersistentEmbeddedDatabaseGoesUpStatusDownAndUpAgain() throws Exception {
        String dataDir = folder.resolve("dev-db").toString();
        String migrations = Cli.FIXTURE.toString();

        Cli.Result up = Cli.run("migrate", "up", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("Applied V1__create_accounts.sql", "Applied V3__add_account_notes.sql",
                "Schema version (empty) -> 3 (3 migrations).");

        Cli.Result status = Cli.run("migrate", "status", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("VERSION", "DESCRIPTION", "STATE", "INSTALLED ON")
                .contains("3        add account notes  applied")
                .contains("Current version: 3; 0 pending");

        // A separate OS process sees the same persistent data.
        Cli.Result down = Cli.runProcess(Map.of(), "migrate", "down", "1", "--data-dir", dataDir,
                "--migrations", migrations);
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("Reverted V3__add_account_notes.sql", "Schema version is now 2.");

        Cli.Result json = Cli.run("migrate", "status", "--json", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(json.out()).contains("\"currentVersion\" : \"2\"", "\"state\" : \"PENDING\"");

        Cli.Result again = Cli.run("migrate", "up", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(again.out()).contains("Applied V3__add_account_notes.sql");
        assertThat(Cli.postgresProcesses(dataDir)).as("servers left running").isEmpty();
    }

    /**
     * What ships: the users' migrations (the project's migrations/) against the code generated from them. Every
     * expectation comes from the folder, so a migration a user adds changes it with it.
     */
    @Test
    void whenAUrlIsGivenThenTheUsersMigrationsRoundTripOnThatServerAndMatchTheGeneratedCode() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL on 127.0.0.1:5432");
        List<String> scripts = Cli.versionedScripts(Cli.MIGRATIONS);
        String newest = scripts.getLast();
        String previous = scripts.size() > 1 ? Cli.versionOf(scripts.get(scripts.size() - 2)) : "(empty)";
        String database = "lumen_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        String[] connection = {"--url", url, "--user", "postgres", "--migrations", Cli.MIGRATIONS.toString()};
        try {
            Cli.Result up = Cli.run(Cli.concat(new String[] {"migrate", "up"}, connection));
            assertThat(up.exitCode()).as(up.err()).isZero();
            assertThat(up.out()).contains("(" + scripts.size() + " migration" + (scripts.size() == 1 ? ")" : "s)"));
            assertThat(Cli.run(Cli.concat(new String[] {"migrate", "down", "1", "--yes"}, connection)).out())
                    .contains("Reverted " + newest, "Schema version is now " + previous + ".");
            Cli.Result status = Cli.runProcess(Map.of(), Cli.concat(new String[] {"migrate", "status"}, connection));
            assertThat(status.out()).containsPattern("(?m)^\\s*" + Cli.versionOf(newest) + " .* pending ");
            assertThat(Cli.run(Cli.concat(new String[] {"migrate", "up"}, connection)).out())
                    .contains("Applied " + newest);
            assertThat(Cli.run(Cli.concat(new String[] {"migrate", "status"}, connection)).out())
                    .contains("Current version: " + Cli.versionOf(newest) + "; 0 pending")
                    .contains("Schema matches the generated code.");
            Cli.Result health = Cli.run(Cli.concat(new String[] {"health"}, connection));
            assertThat(health.exitCode()).as(health.out()).isZero();
            assertThat(health.out()).contains("Status: UP");

            try (Connection direct = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = direct.createStatement()) {
                statement.execute("CREATE TABLE made_by_hand (id int)");
            }
            assertThat(Cli.run(Cli.concat(new String[] {"migrate", "status"}, connection)).out())
                    .contains("Schema drift (the database differs from the generated code):")
                    .contains("! table made_by_hand exists in the database but not in the generated code");
            Cli.Result drifted = Cli.run(Cli.concat(new String[] {"health"}, connection));
            assertThat(drifted.exitCode()).isEqualTo(ExitCodes.DEGRADED);
            assertThat(drifted.out()).contains("! schema drift: table made_by_hand");
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
                    ""); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void whenAMigrationFailsThenTheDatabaseIsAsBeforeAndStatusShowsWhichFailed() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(migrations.resolve("U1__create_a.sql"), "DROP TABLE a;\n");
        Files.writeString(migrations.resolve("V2__create_b.sql"),
                "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\nINSERT INTO missing_table VALUES (1);\n");
        Files.writeString(migrations.resolve("U2__create_b.sql"), "DROP TABLE b;\n");
        String dataDir = folder.resolve("dev-db").toString();

        Cli.Result up = Cli.run("migrate", "up", "--data-dir", dataDir, "--migrations", migrations.toString());

        assertThat(up.exitCode()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(up.errLines()).containsExactly("lumen-db: Migration V2__create_b.sql failed at line 3: ERROR:"
                + " relation \"missing_table\" does not exist (SQLSTATE 42P01); its transaction was rolled back");
        Cli.Result status = Cli.run("migrate", "status", "--data-dir", dataDir, "--migrations", migrations.toString());
        assertThat(status.out()).contains("1        create a     applied")
                .contains("2        create b     failed rolled back")
                .contains("Current version: 1; 1 pending")
                .contains("Failed: V2__create_b.sql: Migration V2__create_b.sql failed at line 3");
        Cli.Result json = Cli.run("migrate", "status", "--json", "--data-dir", dataDir, "--migrations",
                migrations.toString());
        assertThat(json.out()).doesNotContain("\"relation\" : \"b\"");
        Cli.Result down = Cli.run("migrate", "down", "1", "--data-dir", dataDir, "--migrations", migrations.toString());
        assertThat(down.out()).as("only V1 was ever applied").contains("Reverted V1__create_a.sql");
    }

    @Test
    void whenCreatingThenAMigrationPairIsWrittenWithoutTouchingAnyDatabase() throws Exception {
        Path migrations = folder.resolve("migrations");

        Cli.Result created = Cli.run("migrate", "create", "add orders table", "--migrations", migrations.toString());

        assertThat(created.exitCode()).isZero();
        try (var files = Files.list(migrations)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .hasSize(2)
                    .allMatch(name -> name.matches("[VU]\\d{14}__add_orders_table\\.sql"));
        }
        assertThat(created.out()).contains("Created ", "./mvnw generate-sources");
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
