package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves every {@link ConfigKey} from, in order of precedence: explicit overrides, environment variables,
 * system properties, the properties file named by {@code lumen.db.config-file}, and the environment's defaults.
 * Unknown {@code lumen.db.*} keys in the file are an error (a typo must not silently fall back to a default).
 */
public final class ConfigLoader {

    private final Map<String, String> overrides;
    private final Map<String, String> environmentVariables;
    private final Properties systemProperties;

    /**
     * A loader over explicit sources (tests use this; {@link #fromSystem()} reads the process's own).
     *
     * @param environmentVariables variables, as from {@link System#getenv()}
     * @param systemProperties     properties, as from {@link System#getProperties()}
     */
    public ConfigLoader(Map<String, String> environmentVariables, Properties systemProperties) {
        this(Map.of(), environmentVariables, systemProperties);
    }

    private ConfigLoader(Map<String, String> overrides, Map<String, String> environmentVariables,
            Properties systemProperties) {
        this.overrides = Map.copyOf(overrides);
        this.environmentVariables = Map.copyOf(environmentVariables);
        this.systemProperties = systemProperties;
    }

    /**
     * A loader over this process's environment variables and system properties.
     *
     * @return the loader
     */
    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv(), System.getProperties());
    }

    /**
     * A copy whose given values win over every other source.
     *
     * @param values property name to value
     * @return the new loader
     */
    public ConfigLoader withOverrides(Map<String, String> values) {
        for (String property : values.keySet()) {
            if (ConfigKey.byProperty(property).isEmpty()) {
                throw unknownKey(property, "override");
            }
        }
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(values);
        return new ConfigLoader(merged, environmentVariables, systemProperties);
    }

    /**
     * The environment named by {@code lumen.db.env} / {@code LUMEN_DB_ENV}, or {@code dev}.
     *
     * @return the environment
     */
    public Environment environment() {
        Resolved value = resolve(ConfigKey.ENVIRONMENT, new Properties(), Environment.DEV);
        return Environment.parse(value.text());
    }

    /**
     * Loads and validates the configuration.
     *
     * @param environment the profile whose defaults apply
     * @return the configuration
     * @throws ConfigurationException naming the first invalid key
     */
    public DatabaseConfig load(Environment environment) {
        Properties file = readFile(environment);
        Sources sources = new Sources(environment, file);

        PostgresUrl url = sources.url();
        // A user written in the URL beats the profile's default user, not an explicitly configured one.
        Resolved configuredUser = resolve(ConfigKey.USER, file, environment);
        String user = configuredUser.text().trim();
        if (url.user() != null && (configuredUser.fromDefault() || user.isBlank())) {
            user = url.user();
        }
        Secret password = Secret.of(sources.text(ConfigKey.PASSWORD));
        if (password.isEmpty()) {
            password = url.password();
        }
        String rootCert = sources.text(ConfigKey.SSL_ROOT_CERT);
        ConnectionConfig connection = new ConnectionConfig(url.jdbcUrl(), user, password,
                sources.duration(ConfigKey.CONNECT_TIMEOUT), sources.duration(ConfigKey.SOCKET_TIMEOUT),
                sources.duration(ConfigKey.STATEMENT_TIMEOUT), sources.bool(ConfigKey.TCP_KEEPALIVE),
                sources.bool(ConfigKey.REWRITE_BATCHED_INSERTS), sources.text(ConfigKey.APPLICATION_NAME),
                sources.sslMode(), rootCert.isBlank() ? null : Path.of(rootCert));
        PoolConfig pool = new PoolConfig(sources.integer(ConfigKey.POOL_MAX_SIZE), sources.integer(ConfigKey.POOL_MIN_IDLE),
                sources.duration(ConfigKey.POOL_MAX_LIFETIME), sources.duration(ConfigKey.POOL_IDLE_TIMEOUT),
                sources.duration(ConfigKey.POOL_ACQUIRE_TIMEOUT), sources.duration(ConfigKey.POOL_LEAK_DETECTION));
        ObservabilityConfig observability = new ObservabilityConfig(sources.duration(ConfigKey.SLOW_QUERY_THRESHOLD),
                sources.bool(ConfigKey.LOG_BIND_VALUES), sources.duration(ConfigKey.HEALTH_SLOW_PING),
                sources.integer(ConfigKey.REPEATED_STATEMENT_THRESHOLD));
        List<String> locations = Arrays.stream(sources.text(ConfigKey.MIGRATIONS_LOCATIONS).split(","))
                .map(String::trim)
                .toList();
        MigrationConfig migrations = new MigrationConfig(locations,
                Path.of(sources.text(ConfigKey.MIGRATIONS_DIRECTORY)), sources.duration(ConfigKey.MIGRATIONS_LOCK_TIMEOUT),
                sources.text(ConfigKey.MIGRATIONS_USER), Secret.of(sources.text(ConfigKey.MIGRATIONS_PASSWORD)));
        return new DatabaseConfig(environment, connection, pool, observability, migrations);
    }

    private Properties readFile(Environment environment) {
        Resolved location = resolve(ConfigKey.CONFIG_FILE, new Properties(), environment);
        Properties properties = new Properties();
        if (location.text().isBlank()) {
            return properties;
        }
        Path path = Path.of(location.text());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException(ConfigKey.CONFIG_FILE.property(), ConfigKey.CONFIG_FILE.property()
                    + " (from " + location.source() + ") names a file that cannot be read: " + path);
        }
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("lumen.db.") && ConfigKey.byProperty(name).isEmpty()) {
                throw unknownKey(name, path.toString());
            }
        }
        return properties;
    }

    private static ConfigurationException unknownKey(String name, String where) {
        ConfigKey nearest = Arrays.stream(ConfigKey.values())
                .min(Comparator.comparingInt(k -> distance(k.property(), name)))
                .orElseThrow();
        return new ConfigurationException(name, "Unknown configuration key " + name + " in " + where
                + " (did you mean " + nearest.property() + "?)");
    }

    /** Where a value came from, for error messages. */
    private record Resolved(String text, String source, boolean fromDefault) {
        Resolved(String text, String source) {
            this(text, source, false);
        }
    }

    private Resolved resolve(ConfigKey key, Properties file, Environment environment) {
        String value = overrides.get(key.property());
        if (value != null) {
            return new Resolved(value, "override " + key.property());
        }
        value = environmentVariables.get(key.environmentVariable());
        if (value != null) {
            return new Resolved(value, key.environmentVariable());
        }
        value = systemProperties.getProperty(key.property());
        if (value != null) {
            return new Resolved(value, "system property " + key.property());
        }
        value = file.getProperty(key.property());
        if (value != null) {
            return new Resolved(value, "the configuration file");
        }
        return new Resolved(key.defaultFor(environment), environment + " default", true);
    }

    /** Typed access to the resolved values of one load. */
    private final class Sources {
        private final Environment environment;
        private final Properties file;

        Sources(Environment environment, Properties file) {
            this.environment = environment;
            this.file = file;
        }

        String text(ConfigKey key) {
            return resolve(key, file, environment).text().trim();
        }

        PostgresUrl url() {
            Resolved url = resolve(ConfigKey.URL, file, environment);
            if (url.text().isBlank()) {
                throw new ConfigurationException(ConfigKey.URL.property(), ConfigKey.URL.property() + " is required in "
                        + environment + " (set " + ConfigKey.URL.environmentVariable() + ")");
            }
            return PostgresUrl.parse(url.text());
        }

        int integer(ConfigKey key) {
            Resolved value = resolve(key, file, environment);
            try {
                return Integer.parseInt(value.text().trim());
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number");
            }
        }

        boolean bool(ConfigKey key) {
            Resolved value = resolve(key, file, environment);
            return switch (value.text().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw invalid(key, value, "true or false");
            };
        }

        Duration duration(ConfigKey key) {
            Resolved value = resolve(key, file, environment);
            Duration parsed = Durations.parse(value.text());
            if (parsed == null) {
                throw invalid(key, value, "a duration such as 250ms, 5s, 10m or PT5S");
            }
            return parsed;
        }

        SslMode sslMode() {
            return SslMode.parse(text(ConfigKey.SSL_MODE));
        }

        private ConfigurationException invalid(ConfigKey key, Resolved value, String expected) {
            return new ConfigurationException(key.property(), key.property() + " (from " + value.source()
                    + ") must be " + expected + ", got '" + value.text() + "'");
        }
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return "ConfigLoader[overrides=" + overrides.keySet() + "]";
    }
}
