package dev.lumen.db.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.health.HealthStatus;
import dev.lumen.db.core.health.SchemaDrift;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.core.fixture.DefaultSchema;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drift between core's fixture schema (generated into dev.lumen.db.core.fixture) and its live database. */
@LumenDbTest
class SchemaDriftTest {

    static LumenDb db;
    static TestDatabase database;

    @BeforeAll
    static void start(TestDatabase testDatabase) {
        database = testDatabase;
        db = LumenDb.start(TestConfigs.forDatabase(testDatabase), new SimpleMeterRegistry(), AmbientTransactions.NONE,
                DefaultSchema.DEFAULT_SCHEMA);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static void alter(String sql) throws Exception {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void whenTheDatabaseIsExactlyAsMigratedThenThereIsNoDriftAndHealthIsUp() {
        assertThat(SchemaDrift.between(db.dsl(), DefaultSchema.DEFAULT_SCHEMA, "public")).isEmpty();
        assertThat(db.health().check().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void whenLumenDbStartsWithoutAnExpectedSchemaThenHandMadeChangesAreNotReported() throws Exception {
        alter("CREATE TABLE unseen (id int)");
        try (LumenDb unchecked = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry(),
                AmbientTransactions.NONE, null)) {
            assertThat(unchecked.health().check().status()).isEqualTo(HealthStatus.UP);
            assertThat(db.health().check().details())
                    .containsExactly("schema drift: table unseen exists in the database but not in the generated code");
        } finally {
            alter("DROP TABLE unseen");
        }
    }

    @Test
    void whenAColumnIsAlteredByHandThenHealthIsDegradedAndNamesTheColumn() throws Exception {
        alter("ALTER TABLE roles ALTER COLUMN description TYPE varchar(40)");
        try {
            HealthReport report = db.health().check();

            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(report.details()).containsExactly("schema drift: column roles.description is text in the"
                    + " generated code but character varying(40) in the database");
        } finally {
            alter("ALTER TABLE roles ALTER COLUMN description TYPE text");
        }
        assertThat(db.health().check().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void whenNullabilityIndexesAndColumnsChangeByHandThenEachIsReported() throws Exception {
        alter("ALTER TABLE roles ALTER COLUMN description SET NOT NULL");
        alter("DROP INDEX idx_user_roles_role");
        alter("ALTER TABLE roles ADD COLUMN sneaky int");
        alter("CREATE TABLE scratch (id int)");
        try {
            assertThat(SchemaDrift.between(db.dsl(), DefaultSchema.DEFAULT_SCHEMA, "public")).containsExactlyInAnyOrder(
                    "column roles.description is nullable in the generated code but NOT NULL in the database",
                    "column roles.sneaky exists in the database but not in the generated code",
                    "table scratch exists in the database but not in the generated code",
                    "index idx_user_roles_role is missing from the database");
        } finally {
            alter("ALTER TABLE roles ALTER COLUMN description DROP NOT NULL");
            alter("CREATE INDEX idx_user_roles_role ON user_roles (role_id)");
            alter("ALTER TABLE roles DROP COLUMN sneaky");
            alter("DROP TABLE scratch");
        }
        assertThat(SchemaDrift.between(db.dsl(), DefaultSchema.DEFAULT_SCHEMA, "public")).isEmpty();
    }
}
