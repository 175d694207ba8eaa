package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.Map;

/**
 * Everything lumen-db needs to run, validated: a value that is wrong fails here, naming its key, not later in
 * the pool or the driver. Secrets are masked in {@code toString}.
 *
 * @param environment   the profile whose defaults were used
 * @param connection    how to reach the server
 * @param pool          the connection pool
 * @param observability metrics, logs and health
 * @param migrations    the migrator
 */
public record DatabaseConfig(Environment environment, ConnectionConfig connection, PoolConfig pool,
        ObservabilityConfig observability, MigrationConfig migrations) {

    /** Cross-field rules. */
    public DatabaseConfig {
        if (environment == Environment.PROD && observability.logBindValues()) {
            throw new ConfigurationException(ConfigKey.LOG_BIND_VALUES.property(), ConfigKey.LOG_BIND_VALUES.property()
                    + " cannot be true in prod: bind values may hold personal data");
        }
    }

    /**
     * Loads the configuration of an environment from environment variables, system properties and the optional
     * properties file, over the environment's defaults.
     *
     * @param environment the profile
     * @return the validated configuration
     * @throws ConfigurationException naming the first invalid key
     */
    public static DatabaseConfig load(Environment environment) {
        return ConfigLoader.fromSystem().load(environment);
    }

    /**
     * Like {@link #load(Environment)}, with values that win over every other source (command-line flags, tests).
     *
     * @param environment the profile
     * @param overrides   property name to value, for example {@code lumen.db.url}
     * @return the validated configuration
     */
    public static DatabaseConfig load(Environment environment, Map<String, String> overrides) {
        return ConfigLoader.fromSystem().withOverrides(overrides).load(environment);
    }
}
