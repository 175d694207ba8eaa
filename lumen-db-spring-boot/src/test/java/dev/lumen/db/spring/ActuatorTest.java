package dev.lumen.db.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.actuate.endpoint.FlywayEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Acceptance 5, in a full Boot application with Actuator: with a migration left pending, {@code lumendb} health
 * shows the configured status for DEGRADED (and Boot's duplicate {@code db} ping is gone);
 * {@code /actuator/prometheus} lists lumen-db's meters, and Hikari's once; {@code /actuator/flyway} shows the
 * history lumen-db's migrator wrote.
 */
@LumenDbTest
@SpringBootTest(classes = ActuatorTest.App.class, properties = {
        "lumen.db.spring.migrate-on-startup=false",
        "lumen.db.spring.degraded-status=OUT_OF_SERVICE",
        "management.endpoints.web.exposure.include=health,prometheus,flyway",
        "management.endpoint.health.show-details=always",
        "management.prometheus.metrics.export.enabled=true"})
class ActuatorTest {

    private static TestDatabase database;

    @Autowired
    HealthEndpoint health;
    @Autowired
    PrometheusScrapeEndpoint prometheus;
    @Autowired
    FlywayEndpoint flyway;
    @Autowired
    DSLContext dsl;
    @Autowired
    LumenDb db;

    @BeforeAll
    static void database(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @DynamicPropertySource
    static void lumenDb(DynamicPropertyRegistry registry) {
        registry.add("lumen.db.env", () -> "test");
        registry.add("lumen.db.url", () -> database.jdbcUrl());
        registry.add("lumen.db.user", () -> database.user());
        registry.add("lumen.db.password", () -> database.password() == null ? "" : database.password());
        // The schema's migrations are applied (the test database is migrated); the fixture's one is not.
        registry.add("lumen.db.migrations.locations",
                () -> database.lumenDbProperties().get("lumen.db.migrations.locations") + ",classpath:fixtures/spring-pending");
    }

    /** The application: auto-configuration only, no component scan (the other tests' configurations stay out). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void whenAMigrationIsPendingThenLumenDbHealthShowsTheConfiguredStatusWithDetailsAndBootsDbPingIsGone() {
        var lumendb = (IndicatedHealthDescriptor) health.healthForPath("lumendb");

        assertThat(lumendb).isNotNull();
        assertThat(lumendb.getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
        Map<String, Object> details = lumendb.getDetails();
        System.out.println("lumendb health: " + lumendb.getStatus().getCode() + " " + details);
        assertThat(details).containsEntry("lumenDbStatus", "DEGRADED").containsEntry("pendingMigrations", 1)
                .containsEntry("failedMigrations", 0).containsKeys("pingMillis", "pool", "currentVersion");
        assertThat(details.get("findings").toString()).contains("V99991231000000__spring_pending.sql");
        assertThat(health.healthForPath("db")).as("Boot's db ping of the same pool").isNull();
    }

    @Test
    void whenPrometheusIsScrapedThenLumenDbsMetersAreThereAndHikarisOnce() {
        dsl.fetchValue("SELECT 1");

        String scrape = new String(prometheus.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null).getBody(),
                StandardCharsets.UTF_8);

        assertThat(scrape).contains("lumen_db_query_seconds_count{");
        long activeSeries = Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith("hikaricp_connections_active{"))
                .count();
        long typeLines = Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith("# TYPE lumen_db_query_seconds "))
                .count();
        System.out.printf("prometheus: %d hikaricp_connections_active series, %d lumen_db_query_seconds families%n",
                activeSeries, typeLines);
        assertThat(activeSeries).isEqualTo(1);
        assertThat(typeLines).isEqualTo(1);
    }

    @Test
    void whenFlywayIsAskedThenItShowsTheHistoryLumenDbsMigratorWrote() {
        var contexts = flyway.flywayBeans().getContexts().values();
        var migrations = contexts.iterator().next().getFlywayBeans().get("flyway").getMigrations();

        assertThat(migrations).isNotEmpty();
        assertThat(migrations).anySatisfy(m -> assertThat(m.getScript()).isEqualTo("V99991231000000__spring_pending.sql"));
        assertThat(migrations.stream().filter(m -> m.getInstalledOn() != null).count())
                .isEqualTo(db.migrator().status().entries().size() - db.migrator().status().pending().size());
    }
}
