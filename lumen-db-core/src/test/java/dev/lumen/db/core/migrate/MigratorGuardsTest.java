package dev.lumen.db.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.error.MigrationException;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the migrator refuses before it changes anything: transaction control in scripts that run inside a
 * transaction, missing or mistyped folders, misnamed files; and how it reports an applied migration edited later.
 */
@LumenDbTest(migrated = false)
class MigratorGuardsTest {

    TestDatabase db;
    @TempDir
    Path folder;

    @BeforeEach
    void emptySchema(TestDatabase database) throws SQLException {
        db = database;
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
    }

    private Migrator migrator(Path location) {
        DatabaseConfig config = TestConfigs.forDatabase(db, Map.of(
                "lumen.db.migrations.locations", "filesystem:" + location));
        return new Migrator(config.migrations(), config.connection());
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(folder.resolve(name), sql, StandardCharsets.UTF_8);
    }

    private SchemaSnapshot snapshot() throws SQLException {
        try (Connection connection = db.connection()) {
            return SchemaSnapshot.of(connection);
        }
    }

    @Test
    void whenAnUndoScriptCommitsAndTheNextUndoFailsThenDownRefusesUpFrontAndNothingChanges() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);\n");
        write("U1__a.sql", "DROP TABLE does_not_exist;\n");
        write("V2__new_features.sql", "CREATE TABLE new_features (id int);\n");
        write("U2__new_features.sql", "BEGIN; DROP TABLE new_features; COMMIT;\n");
        Migrator migrator = migrator(folder);
        migrator.up();
        SchemaSnapshot before = snapshot();

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> migrator.down(2))
                .withMessageStartingWith("Refusing to revert: U2__new_features.sql line 1 has BEGIN")
                .withMessageEndingWith("nothing was changed");

        assertThat(before.diff(snapshot())).as("new_features is still there").isEmpty();
        assertThat(migrator.status().currentVersion()).isEqualTo("2");
        // Fixed scripts revert cleanly afterwards: the history and the schema stayed in step.
        write("U2__new_features.sql", "DROP TABLE new_features;\n");
        write("U1__a.sql", "DROP TABLE a;\n");
        assertThat(migrator.down(2).undone()).containsExactly("V2__new_features.sql", "V1__a.sql");
        assertThat(snapshot().hasRelation("a")).isFalse();
    }

    @Test
    void whenAPendingMigrationCommitsInsideFlywaysTransactionThenUpRefusesBeforeApplyingAnything() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);\n");
        write("V2__b.sql", "CREATE TABLE b (id int);\nCOMMIT;\nINSERT INTO missing VALUES (1);\n");
        Migrator migrator = migrator(folder);

        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(migrator::up)
                .withMessageStartingWith("Refusing to migrate: V2__b.sql line 2 has COMMIT")
                .satisfies(e -> assertThat(e.script()).isEqualTo("V2__b.sql"));

        assertThat(snapshot().hasRelation("a")).as("not even V1 ran").isFalse();
    }

    @Test
    void whenANonTransactionalMigrationManagesItsOwnTransactionThenItIsAllowed() throws Exception {
        write("V1__own.sql", "BEGIN;\nCREATE TABLE own (id int);\nCOMMIT;\n");
        write("V1__own.sql.conf", "executeInTransaction=false\n");

        assertThat(migrator(folder).up().applied()).containsExactly("V1__own.sql");
    }

    @Test
    void whenTheFolderIsMissingOrAFileThenEveryCommandFailsNamingIt() throws Exception {
        Path missing = folder.resolve("no/such/dir");
        write("V1__a.sql", "CREATE TABLE a (id int);\n");

        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(missing).up())
                .withMessage("Migrations folder " + missing.toAbsolutePath() + " does not exist (from"
                        + " lumen.db.migrations.locations or --migrations)");
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(missing).status());
        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> migrator(folder.resolve("V1__a.sql")).up())
                .withMessageContaining("is a file, not a folder");
    }

    @Test
    void whenOnlyMisnamedFilesAreThereThenUpFailsNamingTheFile() throws Exception {
        write("V2_x.sql", "CREATE TABLE x (id int);\n");
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(folder).up())
                .withMessageStartingWith("Migration file " + folder.resolve("V2_x.sql").toAbsolutePath()
                        + " is not named like a migration")
                .satisfies(e -> assertThat(e.script()).isEqualTo("V2_x.sql"));

        Files.delete(folder.resolve("V2_x.sql"));
        write("v3__x.sql", "CREATE TABLE x (id int);\n");
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(folder).up())
                .withMessageContaining("v3__x.sql is not named like a migration");

        Files.delete(folder.resolve("v3__x.sql"));
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(folder).up())
                .withMessageStartingWith("No migrations found in filesystem:" + folder);
    }

    @Test
    void whenAnAppliedMigrationIsEditedThenUpNamesTheFileAndStatusFlagsIt() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);\n");
        Migrator migrator = migrator(folder);
        migrator.up();
        UpResult again = migrator.up();
        assertThat(again.applied()).isEmpty();
        assertThat(again.toVersion()).as("nothing to apply still knows the version").isEqualTo("1");

        write("V1__a.sql", "CREATE TABLE a (id bigint);\n");

        assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::up)
                .withMessageStartingWith("Migrations failed validation: V1__a.sql")
                .withMessageContaining("checksum");
        MigrationStatus status = migrator.status();
        assertThat(status.edited()).singleElement().satisfies(e -> assertThat(e.script()).isEqualTo("V1__a.sql"));
        assertThat(status.entries().getFirst().state()).isEqualTo(MigrationState.EDITED);
        assertThat(status.currentVersion()).isEqualTo("1");
    }
}
