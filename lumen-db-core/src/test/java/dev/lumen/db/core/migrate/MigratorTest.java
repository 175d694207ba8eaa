package dev.lumen.db.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.SchemaSnapshot;
import dev.lumen.db.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LumenDbTest(migrated = false)
class MigratorTest {

    TestDatabase db;
    @TempDir
    Path folder;

    @BeforeEach
    void emptySchema(TestDatabase database) throws SQLException {
        db = database;
        execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private SchemaSnapshot snapshot() throws SQLException {
        try (Connection connection = db.connection()) {
            return SchemaSnapshot.of(connection);
        }
    }

    /** core's fixture migrations (fixtures/core: V1..V4 with undo scripts), the locations this database records. */
    private Migrator fixture() {
        DatabaseConfig config = TestConfigs.forDatabase(db);
        return new Migrator(config.migrations(), config.connection());
    }

    /** Migrations written by the test into its temporary folder. */
    private Migrator fromFolder() {
        DatabaseConfig config = TestConfigs.forDatabase(db, Map.of(
                "lumen.db.migrations.locations", "filesystem:" + folder,
                "lumen.db.migrations.directory", folder.toString()));
        return new Migrator(config.migrations(), config.connection());
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(folder.resolve(name), sql, StandardCharsets.UTF_8);
    }

    @Test
    void whenGoingUpDownOneAndUpAgainThenTheSchemaRoundTrips() throws SQLException {
        Migrator migrator = fixture();
        assertThat(migrator.status().pending()).hasSize(4);
        assertThat(migrator.status().currentVersion()).isNull();

        UpResult up = migrator.up();
        SchemaSnapshot migrated = snapshot();

        assertThat(up.applied()).hasSize(4).first().asString().startsWith("V1__create_users");
        assertThat(migrator.status().pending()).isEmpty();
        assertThat(migrator.status().entries()).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(MigrationState.APPLIED);
            assertThat(e.undoAvailable()).isTrue();
            assertThat(e.installedOn()).isNotNull();
        });

        DownResult down = migrator.down(1);

        assertThat(down.undone()).containsExactly("V4__create_new_features.sql");
        assertThat(down.currentVersion()).isEqualTo("3");
        assertThat(snapshot().hasRelation("new_features")).isFalse();
        assertThat(snapshot().hasRelation("user_roles")).isTrue();
        MigrationStatus afterDown = migrator.status();
        assertThat(afterDown.currentVersion()).isEqualTo("3");
        assertThat(afterDown.pending()).singleElement()
                .satisfies(e -> assertThat(e.script()).isEqualTo("V4__create_new_features.sql"));

        assertThat(migrator.up().applied()).containsExactly("V4__create_new_features.sql");
        assertThat(migrated.diff(snapshot())).isEmpty();
    }

    @Test
    void whenMoreMigrationsAreRevertedThanAppliedThenNothingChanges() throws SQLException {
        Migrator migrator = fixture();
        migrator.up();
        SchemaSnapshot before = snapshot();

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> migrator.down(5))
                .withMessage("Cannot revert 5 migrations: only 4 are applied");
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator.down(0));
        assertThat(before.diff(snapshot())).isEmpty();
    }

    @Test
    void whenAMigrationFailsThenItIsRolledBackAndStatusShowsWhichAndWhy() throws Exception {
        write("V1__create_a.sql", "CREATE TABLE a (id int);\n");
        write("V2__create_b.sql", "CREATE TABLE b (id int);\n\nSELECT 1 / 0;\n");
        Migrator migrator = fromFolder();
        SchemaSnapshot empty = snapshot();

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(migrator::up)
                .withMessage("Migration V2__create_b.sql failed at line 3: ERROR: division by zero (SQLSTATE 22012);"
                        + " its transaction was rolled back")
                .satisfies(e -> {
                    assertThat(e.version()).isEqualTo("2");
                    assertThat(e.script()).isEqualTo("V2__create_b.sql");
                });

        assertThat(snapshot().hasRelation("a")).isTrue();
        assertThat(snapshot().hasRelation("b")).as("b was rolled back").isFalse();
        MigrationStatus status = migrator.status();
        assertThat(status.currentVersion()).isEqualTo("1");
        assertThat(status.dirty()).isFalse();
        assertThat(status.failed()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(MigrationState.FAILED_ROLLED_BACK);
            assertThat(e.lastError()).contains("division by zero");
        });
        assertThat(empty.hasRelation("a")).isFalse();

        write("V2__create_b.sql", "CREATE TABLE b (id int);\n");
        assertThat(migrator.up().applied()).containsExactly("V2__create_b.sql");
        assertThat(migrator.status().failed()).isEmpty();
    }

    @Test
    void whenANonTransactionalMigrationFailsPartWayThenStatusReportsDirty() throws Exception {
        write("V1__half.sql", "CREATE TABLE half (id int);\nSELECT 1 / 0;\n");
        write("V1__half.sql.conf", "executeInTransaction=false\n");
        Migrator migrator = fromFolder();

        assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::up);

        MigrationStatus status = migrator.status();
        assertThat(status.dirty()).isTrue();
        assertThat(status.failed()).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(MigrationState.FAILED));
        assertThat(snapshot().hasRelation("half")).as("the first statement stayed").isTrue();
    }

    @Test
    void whenAnUndoScriptIsMissingThenDownRefusesAndChangesNothing() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);\n");
        write("U1__a.sql", "DROP TABLE a;\n");
        write("V2__b.sql", "CREATE TABLE b (id int);\n");
        Migrator migrator = fromFolder();
        migrator.up();
        SchemaSnapshot before = snapshot();

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> migrator.down(2))
                .withMessageContaining("no undo script U2__b.sql")
                .withMessageEndingWith("nothing was changed");

        assertThat(before.diff(snapshot())).isEmpty();
        assertThat(migrator.status().currentVersion()).isEqualTo("2");
        assertThat(migrator.status().entries()).filteredOn(e -> e.version().equals("2"))
                .singleElement().satisfies(e -> assertThat(e.undoAvailable()).isFalse());
    }

    @Test
    void whenAnUndoScriptFailsThenEveryUndoOfThatRunIsRolledBack() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);\n");
        write("U1__a.sql", "DROP TABLE does_not_exist;\n");
        write("V2__b.sql", "CREATE TABLE b (id int);\n");
        write("U2__b.sql", "DROP TABLE b;\n");
        Migrator migrator = fromFolder();
        migrator.up();
        SchemaSnapshot before = snapshot();

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> migrator.down(2))
                .withMessageStartingWith("Undo script U1__a.sql failed:");

        assertThat(before.diff(snapshot())).as("b was dropped and restored by the rollback").isEmpty();
        assertThat(migrator.status().currentVersion()).isEqualTo("2");
    }

    @Test
    void whenAnAppliedMigrationIsEditedThenValidationFailsNamingIt() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);\n");
        Migrator migrator = fromFolder();
        migrator.up();
        migrator.validate();

        write("V1__a.sql", "CREATE TABLE a (id bigint);\n");

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(migrator::validate)
                .withMessageStartingWith("Migrations failed validation: V1__a.sql")
                .withMessageContaining("checksum");
        assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::up);
        assertThat(migrator.repair()).startsWith("Repaired:");
        migrator.validate();
    }

    @Test
    void whenCreatingThenATimestampedPairIsWrittenAndASecondInTheSameSecondGetsTheNextVersion() throws IOException {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);
        Migrator migrator = new Migrator(TestConfigs.forDatabase(db, Map.of(
                "lumen.db.migrations.directory", folder.toString())).migrations(), db.dataSource(), frozen);

        NewMigration first = migrator.create("Add orders table");
        NewMigration second = migrator.create("add-order-items");

        assertThat(first.migration()).hasFileName("V20261127101530__add_orders_table.sql");
        assertThat(first.undo()).hasFileName("U20261127101530__add_orders_table.sql");
        assertThat(second.version()).isEqualTo("20261127101531");
        assertThat(Files.readString(first.migration())).startsWith("-- Migration 20261127101530: add_orders_table");
        assertThat(Files.readString(first.undo())).startsWith("-- Undo of V20261127101530__add_orders_table.sql");
        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> migrator.create("orders; rm -rf /"))
                .withMessageStartingWith("Migration name 'orders; rm -rf /' must be");
    }

    @Test
    void whenTwoMigratorsRaceOnAnEmptyDatabaseThenEachVersionIsAppliedOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<UpResult>> runs = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return fixture().up();
                    }, threads))
                    .toList();
            List<UpResult> results = runs.stream().map(run -> run.orTimeout(60, TimeUnit.SECONDS).join()).toList();

            assertThat(results.stream().mapToInt(r -> r.applied().size()).sum()).isEqualTo(4);
            try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                    var rows = statement.executeQuery(
                            "SELECT count(*), count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(4);
                assertThat(rows.getInt(2)).isEqualTo(4);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
