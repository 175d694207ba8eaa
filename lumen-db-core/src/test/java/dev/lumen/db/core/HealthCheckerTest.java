package dev.lumen.db.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.health.HealthStatus;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.StandalonePostgres;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@LumenDbTest
class HealthCheckerTest {

    @Test
    void whenTheDatabaseIsMigratedAndIdleThenHealthIsUp(TestDatabase database) {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry())) {
            HealthReport report = db.health().check();

            assertThat(report.status()).isEqualTo(HealthStatus.UP);
            assertThat(report.details()).isEmpty();
            assertThat(report.pingLatency()).isNotNull().isPositive();
            assertThat(report.pendingMigrations()).isZero();
            assertThat(report.failedMigrations()).isZero();
            assertThat(report.currentVersion()).isEqualTo("20261127100300");
            assertThat(report.pool().max()).isEqualTo(5);
        }
    }

    @Test
    void whenEveryConnectionIsHeldThenHealthIsDegradedWithPoolDetails(TestDatabase database) throws Exception {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, Map.of(
                "lumen.db.pool.max-size", "2", "lumen.db.pool.acquire-timeout", "300ms")), new SimpleMeterRegistry())) {
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
            var config = new ConfigLoader(Map.of(), new Properties())
                    .withOverrides(Map.of("lumen.db.url", server.jdbcUrl("postgres"), "lumen.db.user", "postgres",
                            "lumen.db.pool.acquire-timeout", "1s", "lumen.db.connect-timeout", "2s"))
                    .load(Environment.TEST);
            try (LumenDb db = LumenDb.start(config, new SimpleMeterRegistry())) {
                HealthReport unmigrated = db.health().check();
                assertThat(unmigrated.status()).isEqualTo(HealthStatus.DEGRADED);
                assertThat(unmigrated.pendingMigrations()).isEqualTo(4);
                assertThat(unmigrated.details()).singleElement().asString().startsWith("4 pending migrations: V20261127100000__create_users.sql");

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
        LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry());
        db.close();
        db.close();
        assertThat(((com.zaxxer.hikari.HikariDataSource) db.dataSource()).isClosed()).isTrue();
    }
}
