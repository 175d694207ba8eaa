package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.Map;
import java.util.Properties;

/**
 * Everything lumen-db needs to run, validated: a value that is wrong fails here, naming its key, not later in
 * the pool or the driver. Secrets are masked in {@code toString}.
 *
 * @param environment   the profile whose defaults were used
 * @param connection    how to reach the server
 * @param pool          the connection pool
 * @param observability metrics, logs and health
 * @param migrations    the migrator
 * @param scaleOut      read replicas, lag tracking and the pooler ({@link ScaleOutConfig#none()} without them)
 */
public record DatabaseConfig(Environment environment, ConnectionConfig connection, PoolConfig pool,
        ObservabilityConfig observability, MigrationConfig migrations, ScaleOutConfig scaleOut) {

    /**
     * A configuration without replicas or pooler.
     *
     * @param environment   the profile whose defaults were used
     * @param connection    how to reach the server
     * @param pool          the connection pool
     * @param observability metrics, logs and health
     * @param migrations    the migrator
     */
    public DatabaseConfig(Environment environment, ConnectionConfig connection, PoolConfig pool,
            ObservabilityConfig observability, MigrationConfig migrations) {
        this(environment, connection, pool, observability, migrations, ScaleOutConfig.none());
    }

    /**
     * The connection settings migrations use: {@code lumen.db.migrations.url} when set (a direct URL past a
     * pooler), with that URL's credentials if it names any, else the application's connection.
     *
     * @return the connection settings for the migrator
     */
    public ConnectionConfig migrationConnection() {
        PostgresUrl url = scaleOut.migrationsUrl();
        if (url == null) {
            return connection;
        }
        return connection.at(url);
    }

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

    /**
     * The configuration made of exactly these properties over the environment's defaults: no environment
     * variables, system properties or file are read, so the result is the same on every machine. Meant for tests,
     * with {@code TestDatabase.lumenDbProperties()} from lumen-db-test:
     *
     * <pre>{@code
     * LumenDb db = LumenDb.start(DatabaseConfig.of(Environment.TEST, database.lumenDbProperties()), registry);
     * }</pre>
     *
     * @param environment the profile whose defaults fill in the rest
     * @param properties  property name to value, for example {@code lumen.db.url}; an unknown {@code lumen.db.*}
     *                    key is an error, as in a file
     * @return the validated configuration
     * @throws ConfigurationException naming the first invalid key
     */
    public static DatabaseConfig of(Environment environment, Map<String, String> properties) {
        return new ConfigLoader(Map.of(), new Properties()).withOverrides(properties).load(environment);
    }
}
