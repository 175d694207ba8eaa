package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The migrator.
 *
 * @param locations   Flyway locations of the V/U scripts ({@code classpath:db/migration}, {@code filesystem:migrations})
 * @param directory   where {@code create} writes new migration pairs
 * @param lockTimeout {@code lock_timeout} while migrating; zero is off
 * @param user        the role migrations run as, or {@code null} for the application's user
 * @param password    that role's password (masked in {@code toString})
 */
public record MigrationConfig(List<String> locations, Path directory, Duration lockTimeout, @Nullable String user,
        Secret password) {

    /** Validates and freezes the locations. */
    public MigrationConfig {
        locations = List.copyOf(locations);
        if (locations.isEmpty() || locations.stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(ConfigKey.MIGRATIONS_LOCATIONS.property(),
                    ConfigKey.MIGRATIONS_LOCATIONS.property() + " must name at least one location");
        }
        for (String location : locations) {
            if (!location.startsWith("classpath:") && !location.startsWith("filesystem:")) {
                throw new ConfigurationException(ConfigKey.MIGRATIONS_LOCATIONS.property(),
                        ConfigKey.MIGRATIONS_LOCATIONS.property() + " entries start with classpath: or filesystem:, got '"
                                + location + "'");
            }
        }
        Checks.notNegative(ConfigKey.MIGRATIONS_LOCK_TIMEOUT, lockTimeout);
        if (user != null && user.isBlank()) {
            user = null;
        }
    }

    /**
     * Settings that run migrations as the application's own user.
     *
     * @param locations   Flyway locations
     * @param directory   folder for {@code create}
     * @param lockTimeout lock timeout while migrating
     */
    public MigrationConfig(List<String> locations, Path directory, Duration lockTimeout) {
        this(locations, directory, lockTimeout, null, Secret.empty());
    }
}
