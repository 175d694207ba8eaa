package dev.lumen.db.core;

import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;

/**
 * A {@link LumenDb} on a {@link TestDatabase} in one call: the {@code test} profile with the database's URL, user,
 * password and migration locations (so its migrator sees no pending migration), then any overrides. Ships in
 * lumen-db-core's test jar (lumen-db-test cannot depend on core, whose own tests use it); the caller closes the
 * result, e.g. in {@code try (LumenDb db = TestLumenDb.start(database)) { ... }}.
 */
public final class TestLumenDb {

    private TestLumenDb() {
    }

    /**
     * Starts lumen-db on the test database, with its meters in a fresh {@link SimpleMeterRegistry}.
     *
     * @param database the test class's database
     * @return the running lumen-db
     */
    public static LumenDb start(TestDatabase database) {
        return start(database, new SimpleMeterRegistry(), Map.of());
    }

    /**
     * Starts lumen-db on the test database with configuration overrides.
     *
     * @param database  the test class's database
     * @param overrides {@code lumen.db.*} keys and values, e.g. {@code lumen.db.statement-timeout=2s}
     * @return the running lumen-db
     */
    public static LumenDb start(TestDatabase database, Map<String, String> overrides) {
        return start(database, new SimpleMeterRegistry(), overrides);
    }

    /**
     * Starts lumen-db on the test database, recording its meters where the test can read them.
     *
     * @param database  the test class's database
     * @param registry  where the meters go
     * @param overrides {@code lumen.db.*} keys and values
     * @return the running lumen-db
     */
    public static LumenDb start(TestDatabase database, MeterRegistry registry, Map<String, String> overrides) {
        return LumenDb.start(TestConfigs.forDatabase(database, overrides), registry);
    }
}
