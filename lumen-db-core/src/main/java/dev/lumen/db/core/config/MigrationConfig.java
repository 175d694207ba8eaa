package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The migrator.
 *
 * @param locations   Flyway locations of the V/U scripts ({@code classpath:db/migration}, {@code filesystem:migrations})
 * @param directory   where {@code create} writes new migration pairs
 * @param lockTimeout {@code lock_timeout} while migrating; zero is off
 */
public record MigrationConfig(List<String> locations, Path directory, Duration lockTimeout) {

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
    }
}
