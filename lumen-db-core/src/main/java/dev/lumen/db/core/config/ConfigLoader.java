package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
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
    private final Map<String, String> fallbacks;

    /**
     * A loader over explicit sources (tests use this; {@link #fromSystem()} reads the process's own).
     *
     * @param environmentVariables variables, as from {@link System#getenv()}
     * @param systemProperties     properties, as from {@link System#getProperties()}
     */
    public ConfigLoader(Map<String, String> environmentVariables, Properties systemProperties) {
        this(Map.of(), environmentVariables, systemProperties, Map.of());
    }

    private ConfigLoader(Map<String, String> overrides, Map<String, String> environmentVariables,
            Properties systemProperties, Map<String, String> fallbacks) {
        this.overrides = Map.copyOf(overrides);
        this.environmentVariables = Map.copyOf(environmentVariables);
        this.systemProperties = systemProperties;
        this.fallbacks = Map.copyOf(fallbacks);
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
        return new ConfigLoader(merged, environmentVariables, systemProperties, fallbacks);
    }

    /**
     * A copy with defaults of its own that replace the environment's defaults but lose to every configured source
     * (the command line uses this for its finite socket timeout).
     *
     * @param values property name to value
     * @return the new loader
     */
    public ConfigLoader withDefaults(Map<String, String> values) {
        for (String property : values.keySet()) {
            if (ConfigKey.byProperty(property).isEmpty()) {
                throw unknownKey(property, "default");
            }
        }
        Map<String, String> merged = new HashMap<>(fallbacks);
        merged.putAll(values);
        return new ConfigLoader(overrides, environmentVariables, systemProperties, merged);
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
        try {
            return load(environment, file, sources);
        } catch (ConfigurationException e) {
            throw sources.namingSource(e);
        }
    }

    private DatabaseConfig load(Environment environment, Properties file, Sources sources) {
        PostgresUrl url = sources.url();
        // A user written in the URL beats the profile's default user, not an explicitly configured one.
        Resolved configuredUser = sources.resolved(ConfigKey.USER);
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
                sources.sslMode(), rootCert.isBlank() ? null : Path.of(rootCert), url.secretParameters());
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
                sources.text(ConfigKey.MIGRATIONS_USER), Secret.of(sources.text(ConfigKey.MIGRATIONS_PASSWORD)),
                sources.duration(ConfigKey.MIGRATIONS_LOCK_ATTEMPT));
        return new DatabaseConfig(environment, connection, pool, observability, migrations, scaleOut(sources));
    }

    private static ScaleOutConfig scaleOut(Sources sources) {
        String replicas = sources.text(ConfigKey.REPLICAS);
        boolean discover = replicas.equalsIgnoreCase("discover");
        List<PostgresUrl> urls = discover || replicas.isBlank() ? List.of() : Arrays.stream(replicas.split(","))
                .map(String::trim)
                .filter(text -> !text.isEmpty())
                .map(text -> sources.parseUrl(ConfigKey.REPLICAS, text))
                .toList();
        String migrationsUrl = sources.text(ConfigKey.MIGRATIONS_URL);
        return new ScaleOutConfig(urls, discover, sources.bytes(ConfigKey.REPLICAS_MAX_LAG_BYTES),
                sources.duration(ConfigKey.REPLICAS_MAX_LAG), sources.duration(ConfigKey.REPLICAS_PROBE_INTERVAL),
                sources.duration(ConfigKey.REPLICAS_PROBE_TIMEOUT), sources.duration(ConfigKey.REPLICAS_TOKEN_WAIT),
                sources.integer(ConfigKey.REPLICAS_READMIT_AFTER), Pooler.parse(sources.text(ConfigKey.POOLER)),
                migrationsUrl.isBlank() ? null : sources.parseUrl(ConfigKey.MIGRATIONS_URL, migrationsUrl));
    }

    private Properties readFile(Environment environment) {
        Resolved location = resolve(ConfigKey.CONFIG_FILE, new Properties(), environment);
        if (location.text().isBlank()) {
            return new Properties();
        }
        Path path = Path.of(location.text());
        Properties properties = ConfigFile.read(path, location.source());
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("lumen.db.") && ConfigKey.byProperty(name).isEmpty()) {
                throw unknownKey(name, path.toString());
            }
        }
        return properties;
    }

    private static ConfigurationException unknownKey(String name, String where) {
        ConfigKey nearest = Arrays.stream(ConfigKey.values())
                .min(Comparator.comparingInt(k -> Edits.distance(k.property(), name)))
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
        value = fallbacks.get(key.property());
        if (value != null) {
            return new Resolved(value, "the command's default", true);
        }
        return new Resolved(key.defaultFor(environment), environment + " default", true);
    }

    /** Typed access to the resolved values of one load; remembers where each value came from. */
    private final class Sources {
        private final Environment environment;
        private final Properties file;
        private final Map<ConfigKey, Resolved> seen = new EnumMap<>(ConfigKey.class);

        Sources(Environment environment, Properties file) {
            this.environment = environment;
            this.file = file;
        }

        Resolved resolved(ConfigKey key) {
            return seen.computeIfAbsent(key, k -> resolve(k, file, environment));
        }

        String text(ConfigKey key) {
            return resolved(key).text().trim();
        }

        PostgresUrl url() {
            Resolved url = resolved(ConfigKey.URL);
            if (url.text().isBlank()) {
                throw new ConfigurationException(ConfigKey.URL.property(), ConfigKey.URL.property() + " is required in "
                        + environment + " (set " + ConfigKey.URL.environmentVariable() + ")");
            }
            return PostgresUrl.parse(url.text());
        }

        int integer(ConfigKey key) {
            Resolved value = resolved(key);
            String text = value.text().trim();
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw invalid(key, value, text.matches("[+-]?\\d+") ? "a whole number of a sensible size"
                        : "a whole number");
            }
        }

        boolean bool(ConfigKey key) {
            Resolved value = resolved(key);
            return switch (value.text().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw invalid(key, value, "true or false");
            };
        }

        Duration duration(ConfigKey key) {
            Resolved value = resolved(key);
            Duration parsed = Durations.parse(value.text());
            if (parsed == null) {
                throw invalid(key, value, Durations.tooLarge(value.text())
                        ? "a duration of a sensible size (its number overflows)"
                        : "a duration such as 250ms, 5s, 10m or PT5S");
            }
            return parsed;
        }

        /** A URL under another key than lumen.db.url: the failure names that key, and never quotes the URL. */
        PostgresUrl parseUrl(ConfigKey key, String text) {
            try {
                return PostgresUrl.parse(text);
            } catch (ConfigurationException e) {
                String message = String.valueOf(e.getMessage());
                throw new ConfigurationException(key.property(), key.property() + " (from " + resolved(key).source()
                        + ")" + message.substring(Math.min(message.length(), ConfigKey.URL.property().length())));
            }
        }

        long bytes(ConfigKey key) {
            Resolved value = resolved(key);
            Long parsed = ByteSizes.parse(value.text());
            if (parsed == null) {
                throw invalid(key, value, "a size such as 16MB, 512kB or 1048576");
            }
            return parsed;
        }

        SslMode sslMode() {
            return SslMode.parse(text(ConfigKey.SSL_MODE));
        }

        private ConfigurationException invalid(ConfigKey key, Resolved value, String expected) {
            return new ConfigurationException(key.property(), key.property() + " (from " + value.source()
                    + ") must be " + expected + ", got '" + shown(key, value.text()) + "'");
        }

        /**
         * The same failure, with the source of the key's value named after the key, when a record's validation
         * (which cannot know the source) raised it.
         */
        ConfigurationException namingSource(ConfigurationException failure) {
            ConfigKey key = ConfigKey.byProperty(failure.key()).orElse(null);
            String message = failure.getMessage();
            if (key == null || message == null || !message.startsWith(key.property() + " ")
                    || message.startsWith(key.property() + " (from ") || message.contains(" is required")) {
                return failure;
            }
            Resolved value = resolved(key);
            return new ConfigurationException(key.property(), key.property() + " (from " + value.source() + ")"
                    + message.substring(key.property().length()));
        }
    }

    /** Secrets and URLs (which may hold them) are never repeated in a message. */
    private static String shown(ConfigKey key, String text) {
        return key == ConfigKey.PASSWORD || key == ConfigKey.MIGRATIONS_PASSWORD || key == ConfigKey.URL
                || key == ConfigKey.REPLICAS || key == ConfigKey.MIGRATIONS_URL ? "****"
                : text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    @Override
    public String toString() {
        return "ConfigLoader[overrides=" + overrides.keySet() + "]";
    }
}
