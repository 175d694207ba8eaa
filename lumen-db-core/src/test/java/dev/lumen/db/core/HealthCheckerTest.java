package dev.lumen.db.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.fixture.DefaultSchema;
import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.health.HealthStatus;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.StandalonePostgres;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health on core's fixture schema (fixtures/core: V1..V4, generated into dev.lumen.db.core.fixture). */
@LumenDbTest
class HealthCheckerTest {

    /** The fixture's migrations, as the runtime's migrator is told to find them. */
    static final String FIXTURE = "classpath:fixtures/core";

    private static LumenDb start(DatabaseConfig config) {
        return LumenDb.start(config, new SimpleMeterRegistry(), AmbientTransactions.NONE, DefaultSchema.DEFAULT_SCHEMA);
    }

    @Test
    void whenTheDatabaseIsMigratedAndIdleThenHealthIsUp(TestDatabase database) {
        try (LumenDb db = start(TestConfigs.forDatabase(database))) {
            HealthReport report = db.health().check();

            assertThat(report.status()).isEqualTo(HealthStatus.UP);
            assertThat(report.details()).isEmpty();
            assertThat(report.pingLatency()).isNotNull().isPositive();
            assertThat(report.pendingMigrations()).isZero();
            assertThat(report.failedMigrations()).isZero();
            assertThat(report.currentVersion()).isEqualTo("4");
            assertThat(report.pool().max()).isEqualTo(5);
        }
    }

    @Test
    void whenEveryConnectionIsHeldThenHealthIsDegradedWithPoolDetails(TestDatabase database) throws Exception {
        try (LumenDb db = start(TestConfigs.forDatabase(database, Map.of(
                "lumen.db.pool.max-size", "2", "lumen.db.pool.acquire-timeout", "300ms")))) {
            List<Connection> held = new ArrayList<>();
            try {
                held.add(db.dataSource().getConnection());
                held.add(db.dataSource().getConnection());

                HealthReport report = db.health().check();

                assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
                assertThat(report.details()).singleElement().asString().startsWith("pool exhausted: all 2 connections busy");
                assertThat(report.pool().active()).isEqualTo(2);
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
            assertThat(db.health().check().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void whenMigrationsArePendingThenHealthIsDegradedAndWhenTheServerIsGoneThenDown() {
        try (StandalonePostgres server = StandalonePostgres.start()) {
            DatabaseConfig config = DatabaseConfig.of(Environment.TEST, Map.of(
                    "lumen.db.url", server.jdbcUrl("postgres"), "lumen.db.user", "postgres",
                    "lumen.db.migrations.locations", FIXTURE,
                    "lumen.db.pool.acquire-timeout", "1s", "lumen.db.connect-timeout", "2s"));
            try (LumenDb db = start(config)) {
                HealthReport unmigrated = db.health().check();
                assertThat(unmigrated.status()).isEqualTo(HealthStatus.DEGRADED);
                assertThat(unmigrated.pendingMigrations()).isEqualTo(4);
                assertThat(unmigrated.details()).containsExactly("4 pending migrations: V1__create_users.sql,"
                        + " V2__create_roles.sql, V3__create_user_roles.sql, V4__create_new_features.sql");

                db.migrator().up();
                assertThat(db.health().check().status()).isEqualTo(HealthStatus.UP);

                server.stop();
                HealthReport gone = db.health().check();

                assertThat(gone.status()).isEqualTo(HealthStatus.DOWN);
                assertThat(gone.pingLatency()).isNull();
                assertThat(gone.details()).singleElement().asString().startsWith("database unreachable:");
            }
        }
    }

    @Test
    void whenClosedTwiceThenTheSecondCloseDoesNothing(TestDatabase database) {
        LumenDb db = start(TestConfigs.forDatabase(database));
        db.close();
        db.close();
        assertThat(((com.zaxxer.hikari.HikariDataSource) db.dataSource()).isClosed()).isTrue();
    }
}
