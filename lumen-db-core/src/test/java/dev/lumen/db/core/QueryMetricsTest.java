package dev.lumen.db.core;

import static dev.lumen.db.core.fixture.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@LumenDbTest
class QueryMetricsTest {

    private static final String CANARY = dev.lumen.db.test.Canaries.SECRET;
    /** Shown on purpose when bind-value logging is on, so not a canary. */
    private static final String VISIBLE = "visible-bind-value-41";

    @Test
    void whenSelectsSucceedAndInsertsFailThenTimersAndCountersHoldExactlyThoseCounts(TestDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), registry)) {
            db.dsl().insertInto(ROLES).set(ROLES.NAME, "taken").execute();
            int selects = 7;
            int failedInserts = 3;
            for (int i = 0; i < selects; i++) {
                db.dsl().selectFrom(ROLES).where(ROLES.NAME.eq("taken")).fetch();
            }
            for (int i = 0; i < failedInserts; i++) {
                assertThatExceptionOfType(UniqueViolationException.class)
                        .isThrownBy(() -> db.dsl().insertInto(ROLES).set(ROLES.NAME, "taken").execute());
            }

            assertThat(timer(registry, "select", "success", "none").count()).isEqualTo(selects);
            assertThat(timer(registry, "insert", "success", "none").count()).isEqualTo(1);
            assertThat(timer(registry, "insert", "error", "23").count()).isEqualTo(failedInserts);
            assertThat(registry.get(MetricNames.QUERY_ERRORS)
                    .tags(MetricNames.TYPE, "insert", MetricNames.SQLSTATE_CLASS, "23", MetricNames.ERROR,
                            "unique_violation")
                    .counter().count()).isEqualTo(failedInserts);
            assertThat(timer(registry, "select", "success", "none").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                    .isPositive();
        }
    }

    private static Timer timer(SimpleMeterRegistry registry, String type, String outcome, String sqlStateClass) {
        return registry.get(MetricNames.QUERY)
                .tags(MetricNames.TYPE, type, MetricNames.OUTCOME, outcome, MetricNames.SQLSTATE_CLASS, sqlStateClass,
                        MetricNames.PATH, "jooq")
                .timer();
    }

    @Test
    void whenAQueryIsSlowThenOneLineShowsSqlWithPlaceholdersAndNoBindValues(TestDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.slow-query-threshold", "250ms")), registry);
                LogCapture slowLog = new LogCapture("dev.lumen.db.slow-query")) {
            // Far apart on purpose: on a loaded 2-core machine a 10 ms sleep was measured at 62 ms.
            db.dsl().select(DSL.field("pg_sleep(0)"), DSL.val(CANARY)).fetch();
            db.dsl().select(DSL.field("pg_sleep(0.6)"), DSL.val(CANARY)).fetch();

            assertThat(slowLog.messages()).singleElement().asString()
                    .startsWith("Slow select (")
                    .contains("1 rows", "pg_sleep(0.6)", "?")
                    .doesNotContain(CANARY);
            assertThat(registry.get(MetricNames.SLOW_QUERIES).tag(MetricNames.TYPE, "select").counter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void whenBindValueLoggingIsEnabledThenTheSlowLineCarriesThem(TestDatabase database) {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.slow-query-threshold", "50ms", "lumen.db.log-bind-values", "true")),
                new SimpleMeterRegistry());
                LogCapture slowLog = new LogCapture("dev.lumen.db.slow-query")) {
            db.dsl().select(DSL.field("pg_sleep(0.2)"), DSL.val(VISIBLE)).fetch();

            assertThat(slowLog.messages()).singleElement().asString().contains("binds=[", VISIBLE);
        }
    }
}
