package dev.lumen.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.SchemaSnapshot;
import dev.lumen.db.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

@LumenDbTest(migrated = false)
class MigrationsApplyTest {

    @Test
    void whenMigratingAnEmptyDatabaseTwiceThenEveryMigrationAppliesOnceAndTheSecondRunChangesNothing(TestDatabase db)
            throws SQLException {
        Flyway flyway = Migrations.flyway(db);
        List<String> scripts = Migrations.versionedScripts();
        int pending = flyway.info().pending().length;
        assertThat(pending).as("packaged migrations").isEqualTo(scripts.size()).isPositive();

        MigrateResult first = flyway.migrate();

        assertThat(first.migrationsExecuted).isEqualTo(pending);
        assertThat(first.targetSchemaVersion).isEqualTo(Migrations.version(scripts.getLast()).getVersion());
        assertThat(Arrays.stream(flyway.info().applied()).map(MigrationInfo::getState))
                .hasSize(pending)
                .containsOnly(MigrationState.SUCCESS);
        try (Connection connection = db.connection()) {
            SchemaSnapshot afterFirst = SchemaSnapshot.of(connection);
            assertThat(afterFirst.hasRelation("users")).isTrue();
            assertThat(afterFirst.hasRelation("roles")).isTrue();
            assertThat(afterFirst.hasRelation("user_roles")).isTrue();
            assertThat(afterFirst.hasRelation("new_features")).isTrue();

            MigrateResult second = flyway.migrate();

            assertThat(second.migrationsExecuted).isZero();
            assertThat(afterFirst.diff(SchemaSnapshot.of(connection))).isEmpty();
        }
    }
}
