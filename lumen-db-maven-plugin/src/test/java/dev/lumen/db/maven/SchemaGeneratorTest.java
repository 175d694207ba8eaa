package dev.lumen.db.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaGeneratorTest {

    @TempDir
    Path project;

    Path migrations;
    Path output;
    Path work;

    @BeforeEach
    void layOutProject() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        output = project.resolve("target/generated-sources/jooq");
        work = project.resolve("target/lumen-db");
        Files.writeString(migrations.resolve("V1__create_things.sql"), """
                CREATE TABLE things (
                    id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    name text NOT NULL
                );
                """);
        Files.writeString(migrations.resolve("U1__create_things.sql"), "DROP TABLE things;\n");
    }

    private GeneratorSettings settings() {
        return new GeneratorSettings(migrations, output, work, "com.example.db", "public",
                List.of(GeneratorSettings.FLYWAY_HISTORY_TABLE), DatabaseProvider.EMBEDDED, null, null, null,
                GeneratorSettings.DEFAULT_IMAGE, false);
    }

    /** Records log lines, and which PostgreSQL processes run from our work directory when the server is up. */
    final class RecordingLog implements BuildLog {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Long> serversSeenWhileRunning = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
            if (message.startsWith("Started embedded")) {
                serversSeenWhileRunning.addAll(postgresProcessesUnder(work));
            }
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }
    }

    static List<Long> postgresProcessesUnder(Path directory) {
        String marker = directory.toAbsolutePath().toString();
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes.filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(marker))
                    .map(ProcessHandle::pid)
                    .toList();
        }
    }

    @Test
    void whenMigrationsAreValidThenRecordClassesAreGeneratedAndTheServerIsStopped() throws IOException {
        RecordingLog log = new RecordingLog();

        SchemaGenerator.Result result = SchemaGenerator.run(settings(), log);

        assertThat(result.regenerated()).isTrue();
        assertThat(result.migrationsApplied()).isEqualTo(1);
        Path table = output.resolve("com/example/db/tables/Things.java");
        Path record = output.resolve("com/example/db/tables/records/ThingsRecord.java");
        Path pojo = output.resolve("com/example/db/tables/pojos/Thing.java");
        assertThat(table).exists();
        assertThat(record).exists();
        assertThat(Files.readString(pojo)).contains("public record Thing(");
        assertThat(Files.readString(table)).doesNotContain("flyway_schema_history");
        assertThat(output.resolve("com/example/db/tables/FlywaySchemaHistory.java")).doesNotExist();
        assertThat(log.serversSeenWhileRunning).as("postgres running during generation").isNotEmpty();
        assertThat(postgresProcessesUnder(work)).as("postgres processes left behind").isEmpty();
    }

    @Test
    void whenAMigrationCreatesAnIndexConcurrentlyThenFlywayRunsItOutsideATransactionWithoutWaitingOnItself()
            throws IOException {
        // What the linter's LDB001 asks for: CONCURRENTLY, alone in its file. PostgreSQL refuses it inside a
        // transaction and makes it wait for every open transaction, so a Flyway that held its own (the
        // transactional advisory lock) would hang here.
        Files.writeString(migrations.resolve("V2__index_things_name.sql"), """
                -- Serves lookups by name.
                CREATE INDEX CONCURRENTLY things_name_idx ON things (name);
                """);
        Files.writeString(migrations.resolve("U2__index_things_name.sql"), "DROP INDEX things_name_idx;\n");
        RecordingLog log = new RecordingLog();

        SchemaGenerator.Result result = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> SchemaGenerator.run(settings(), log));

        assertThat(result.migrationsApplied()).isEqualTo(2);
        assertThat(Files.readString(output.resolve("com/example/db/Indexes.java")))
                .contains("THINGS_NAME_IDX", "\"things_name_idx\"");
        assertThat(postgresProcessesUnder(work)).as("postgres processes left behind").isEmpty();
    }

    @Test
    void whenNothingChangedThenNoDatabaseStartsAndTouchingAMigrationRegenerates() throws IOException {
        SchemaGenerator.run(settings(), new RecordingLog());
        RecordingLog second = new RecordingLog();

        SchemaGenerator.Result unchanged = SchemaGenerator.run(settings(), second);

        assertThat(unchanged.regenerated()).isFalse();
        assertThat(second.lines).singleElement().asString().startsWith("Schema is up to date");
        assertThat(second.serversSeenWhileRunning).isEmpty();

        Files.setLastModifiedTime(migrations.resolve("V1__create_things.sql"),
                FileTime.from(Instant.now().plusSeconds(5)));
        RecordingLog third = new RecordingLog();

        assertThat(SchemaGenerator.run(settings(), third).regenerated()).isTrue();
        assertThat(third.lines).anyMatch(line -> line.startsWith("Started embedded"));
    }

    @Test
    void whenAMigrationChangesThenTheFingerprintChanges() throws IOException {
        InputFingerprint before = InputFingerprint.of(settings());
        Files.writeString(migrations.resolve("V2__more.sql"), "ALTER TABLE things ADD COLUMN size int;\n");

        InputFingerprint after = InputFingerprint.of(settings());

        assertThat(after.value()).isNotEqualTo(before.value());
        assertThat(after.migrations()).hasSize(3);
        assertThat(InputFingerprint.of(settings().withForce(true)).value()).isEqualTo(after.value());
    }

    @Test
    void whenAMigrationHasASyntaxErrorThenTheErrorNamesFileLineAndPostgresMessageAndNoServerIsLeft()
            throws IOException {
        Files.writeString(migrations.resolve("V2__broken.sql"), """
                -- a comment line
                ALTER TABLE things ADD COLUMN size int;
                CREATE TABLEX oops (id int);
                """);
        RecordingLog log = new RecordingLog();

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(), log))
                .withMessageStartingWith("Migration V2__broken.sql failed at line 3: ERROR: syntax error at or near")
                .withMessageContaining("TABLEX")
                .withMessageContaining("SQLSTATE 42601")
                .withMessageEndingWith("[" + migrations.resolve("V2__broken.sql").toAbsolutePath().normalize() + "]");

        assertThat(log.serversSeenWhileRunning).as("postgres ran before the failure").isNotEmpty();
        assertThat(postgresProcessesUnder(work)).as("postgres processes left behind").isEmpty();
        assertThat(work.resolve(SchemaGenerator.STAMP_FILE)).doesNotExist();
    }

    @Test
    void whenAFileIsNotNamedLikeAMigrationThenGenerationStopsBeforeAnyDatabaseStarts() throws IOException {
        Files.writeString(migrations.resolve("V3_missing_underscore.sql"), "SELECT 1;\n");
        RecordingLog log = new RecordingLog();

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(), log))
                .withMessageContaining("Not a migration file name: V3_missing_underscore.sql");
        assertThat(log.lines).isEmpty();
    }

    @Test
    void whenTheMigrationsFolderIsMissingThenTheErrorSaysWhere() {
        GeneratorSettings missing = GeneratorSettings.defaults(project.resolve("nope"), output, work);

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(missing, new RecordingLog()))
                .withMessageStartingWith("Migrations folder not found: " + project.resolve("nope"));
    }

    @Test
    void whenTheProviderIsUnknownThenTheErrorListsTheChoices() {
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> DatabaseProvider.parse("docker"))
                .withMessage("Unknown lumen-db provider 'docker': use one of embedded, testcontainers, url.");
        assertThat(DatabaseProvider.parse(" URL ")).isEqualTo(DatabaseProvider.URL);
    }

    @Test
    void whenTestcontainersIsChosenWithoutDockerThenOneLineSaysDockerIsNeeded() {
        assumeFalse(ContainerDatabase.dockerAvailable(), "a Docker engine is running here");
        GeneratorSettings settings = settings().withProvider(DatabaseProvider.TESTCONTAINERS, null, null, null);

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings, new RecordingLog()))
                .withMessage("lumen-db provider 'testcontainers' needs a running Docker engine and none was found;"
                        + " start Docker, or use provider 'embedded' (the default) or 'url'.");
    }

    @Test
    void whenTheUrlProviderIsUsedThenATemporaryDatabaseIsCreatedThereAndDropped() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL on 127.0.0.1:5432");
        String url = "jdbc:postgresql://127.0.0.1:5432/test";
        GeneratorSettings settings = settings().withProvider(DatabaseProvider.URL, url, null, null);
        RecordingLog log = new RecordingLog();

        SchemaGenerator.Result result = SchemaGenerator.run(settings, log);

        assertThat(result.regenerated()).isTrue();
        assertThat(output.resolve("com/example/db/tables/Things.java")).exists();
        assertThat(log.lines).anyMatch(l -> l.startsWith("Started temporary database lumen_codegen_"));
        assertThat(codegenDatabases(url)).isEmpty();
    }

    @Test
    void whenTheUrlProviderCannotConnectThenTheErrorNamesTheServerButNoPassword() {
        GeneratorSettings settings = settings().withProvider(DatabaseProvider.URL,
                "jdbc:postgresql://127.0.0.1:1/postgres?password=leakcanary-password-plugin", "app", "leakcanary-password-plugin");

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings, new RecordingLog()))
                .withMessageStartingWith("Cannot create a temporary database on jdbc:postgresql://127.0.0.1:1/postgres")
                .withMessageNotContaining("leakcanary-password-plugin");
        assertThat(settings.toString()).doesNotContain("leakcanary-password-plugin");
    }

    private static List<String> codegenDatabases(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE 'lumen\\_codegen\\_%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
