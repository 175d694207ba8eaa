package dev.lumen.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.SchemaSnapshot;
import dev.lumen.db.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

@LumenDbTest(migrated = false)
class UndoScriptsTest {

    @Test
    void whenEachMigrationIsUndoneThenTheSchemaIsExactlyAsBeforeIt(TestDatabase db) throws SQLException {
        MigrationInfo[] migrations = Migrations.flyway(db).info().pending();
        assertThat(migrations).extracting(MigrationInfo::getScript).containsExactlyElementsOf(Migrations.versionedScripts());

        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            for (MigrationInfo migration : migrations) {
                SchemaSnapshot before = SchemaSnapshot.of(connection);
                Migrations.flywayUpTo(db, migration.getVersion()).migrate();
                SchemaSnapshot after = SchemaSnapshot.of(connection);
                assertThat(before.diff(after)).as("%s changes the schema", migration.getScript()).isNotEmpty();

                statement.execute(Migrations.undoScript(migration.getScript()));

                assertThat(SchemaSnapshot.of(connection).diff(before))
                        .as("schema after %s and its undo script", migration.getScript())
                        .isEmpty();

                // Re-apply, so the next migration builds on this one.
                try (PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM flyway_schema_history WHERE version = ?")) {
                    forget.setString(1, migration.getVersion().getVersion());
                    assertThat(forget.executeUpdate()).isEqualTo(1);
                }
                Migrations.flywayUpTo(db, migration.getVersion()).migrate();
                assertThat(SchemaSnapshot.of(connection).diff(after)).isEmpty();
            }
        }
    }
}
