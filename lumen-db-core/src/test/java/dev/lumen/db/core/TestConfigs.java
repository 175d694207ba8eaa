package dev.lumen.db.core;

import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration for a test database, independent of the machine's environment variables: the database's own
 * {@code lumen.db.*} properties (URL, user, the migrations it was made from), then the test's overrides.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static DatabaseConfig forDatabase(TestDatabase db) {
        return forDatabase(db, Map.of());
    }

    public static DatabaseConfig forDatabase(TestDatabase db, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(db.lumenDbProperties());
        values.putAll(overrides);
        return DatabaseConfig.of(Environment.TEST, values);
    }
}
