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
        String migrations = Cli.MIGRATIONS.toString();

        Cli.Result up = Cli.run("migrate", "up", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("Applied V20261127100000__create_users.sql", "(4 migrations)");

        Cli.Result status = Cli.run("migrate", "status", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("VERSION", "DESCRIPTION", "STATE", "INSTALLED ON")
                .contains("20261127100300  create new features  applied")
                .contains("Current version: 20261127100300; 0 pending")
                .contains("Schema matches the generated code.");

        // A separate OS process sees the same persistent data.
        Cli.Result down = Cli.runProcess(Map.of(), "migrate", "down", "1", "--data-dir", dataDir,
                "--migrations", migrations);
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("Reverted V20261127100300__create_new_features.sql",
                "Schema version is now 20261127100200.");

        Cli.Result json = Cli.run("migrate", "status", "--json", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(json.out()).contains("\"currentVersion\" : \"20261127100200\"", "\"state\" : \"PENDING\"",
                "\"schemaDrift\" : [ ]");

        Cli.Result again = Cli.run("migrate", "up", "--data-dir", dataDir, "--migrations", migrations);
        assertThat(again.out()).contains("Applied V20261127100300__create_new_features.sql");
        assertThat(Cli.postgresProcesses(dataDir)).as("servers left running").isEmpty();
    }

    @Test
    void whenAUrlIsGivenThenTheRoundTripRunsOnThatServer() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL on 127.0.0.1:5432");
        String database = "lumen_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        String[] connection = {"--url", url, "--user", "postgres", "--migrations", Cli.MIGRATIONS.toString()};
        try {
            assertThat(Cli.run(concat(new String[] {"migrate", "up"}, connection)).out()).contains("(4 migrations)");
            assertThat(Cli.run(concat(new String[] {"migrate", "down", "1"}, connection)).out())
                    .contains("Reverted V20261127100300__create_new_features.sql");
            Cli.Result status = Cli.runProcess(Map.of(), concat(new String[] {"migrate", "status"}, connection));
            assertThat(status.out()).contains("20261127100300  create new features  pending");
            assertThat(Cli.run(concat(new String[] {"migrate", "up"}, connection)).out())
                    .contains("Applied V20261127100300__create_new_features.sql");
            Cli.Result health = Cli.run(concat(new String[] {"health"}, connection));
            assertThat(health.exitCode()).isZero();
            assertThat(health.out()).contains("Status: UP");

            try (Connection direct = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = direct.createStatement()) {
                statement.execute("ALTER TABLE roles ALTER COLUMN description TYPE varchar(40)");
            }
            assertThat(Cli.run(concat(new String[] {"migrate", "status"}, connection)).out())
                    .contains("Schema drift (the database differs from the generated code):")
                    .contains("! column roles.description is text in the generated code but character varying(40)");
            Cli.Result drifted = Cli.run(concat(new String[] {"health"}, connection));
            assertThat(drifted.exitCode()).isEqualTo(ExitCodes.DEGRADED);
            assertThat(drifted.out()).contains("! schema drift: column roles.description");
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

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
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
