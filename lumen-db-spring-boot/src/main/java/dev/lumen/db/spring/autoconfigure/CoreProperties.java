package dev.lumen.db.spring.autoconfigure;

import dev.lumen.db.core.config.ConfigKey;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * lumen-db-core's configuration from Spring's {@code Environment}: each {@link ConfigKey} is read by its own
 * name through Spring's {@link Binder} (so {@code application.yml}, profiles, {@code LUMEN_DB_POOL_MAX_SIZE}
 * environment variables and {@code --lumen.db.url=} arguments all work), then loaded and validated by the
 * core's loader, the one place that knows names, defaults and ranges. Boot's {@link JdbcConnectionDetails}
 * (Testcontainers' {@code @ServiceConnection}, Docker Compose) wins over {@code lumen.db.url}, user and password.
 */
final class CoreProperties {

    private CoreProperties() {
    }

    static DatabaseConfig load(Binder binder, @Nullable JdbcConnectionDetails connectionDetails) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            binder.bind(key.property(), String.class).ifBound(value -> values.put(key.property(), value));
        }
        if (connectionDetails != null) {
            String url = connectionDetails.getJdbcUrl();
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigurationException(ConfigKey.URL.property(), "The application's JdbcConnectionDetails"
                        + " point at a database that is not PostgreSQL (" + url.split(":", 3)[1] + "): lumen-db needs"
                        + " a jdbc:postgresql: URL");
            }
            values.put(ConfigKey.URL.property(), url);
            putIfPresent(values, ConfigKey.USER, connectionDetails.getUsername());
            putIfPresent(values, ConfigKey.PASSWORD, connectionDetails.getPassword());
        }
        String environment = values.getOrDefault(ConfigKey.ENVIRONMENT.property(), Environment.DEV.toString());
        return DatabaseConfig.of(Environment.parse(environment.toLowerCase(Locale.ROOT)), values);
    }

    private static void putIfPresent(Map<String, String> values, ConfigKey key, @Nullable String value) {
        if (value != null) {
            values.put(key.property(), value);
        }
    }
}
