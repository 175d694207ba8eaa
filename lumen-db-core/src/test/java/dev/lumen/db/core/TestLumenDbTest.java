package dev.lumen.db.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.config.Environment;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@LumenDbTest
class TestLumenDbTest {

    @Test
    void whenStartedOnATestDatabaseThenItRunsThereWithNothingPending(TestDatabase database) {
        try (LumenDb db = TestLumenDb.start(database)) {
            assertThat(db.dsl().select(DSL.currentCatalog()).fetchOne(0, String.class)).isEqualTo(database.name());
            assertThat(db.config().environment()).isEqualTo(Environment.TEST);
            assertThat(db.migrator().status().pending()).isEmpty();
            assertThat(db.migrator().status().currentVersion()).isNotNull();
        }
    }

    @Test
    void whenOverridesAndARegistryAreGivenThenTheyApply(TestDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LumenDb db = TestLumenDb.start(database, registry, Map.of("lumen.db.statement-timeout", "2s"))) {
            assertThat(db.config().connection().statementTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(db.dsl().fetchValue("show statement_timeout")).isEqualTo("2s");
            assertThat(registry.find("lumen.db.query").timers()).isNotEmpty();
        }
    }
}
