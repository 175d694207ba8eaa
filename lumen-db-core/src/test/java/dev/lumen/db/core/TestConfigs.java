package dev.lumen.db.core;

import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Configuration for a test database, independent of the machine's environment variables. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static DatabaseConfig forDatabase(TestDatabase db) {
        return forDatabase(db, Map.of());
    }

    public static DatabaseConfig forDatabase(TestDatabase db, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("lumen.db.url", db.jdbcUrl());
        values.put("lumen.db.user", db.user());
        if (db.password() != null) {
            values.put("lumen.db.password", db.password());
        }
        values.putAll(overrides);
        return new ConfigLoader(Map.of(), new Properties()).withOverrides(values).load(Environment.TEST);
    }
}
