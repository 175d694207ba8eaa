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
 * @param lockTimeout how long a migration may keep retrying to get its locks before it fails; zero waits forever
 * @param user        the role migrations run as, or {@code null} for the application's user
 * @param password    that role's password (masked in {@code toString})
 * @param lockAttempt {@code lock_timeout} of one attempt: past it the migration rolls back, so application queries
 *                    queued behind its lock request run, and tries again after a backoff
 */
public record MigrationConfig(List<String> locations, Path directory, Duration lockTimeout, @Nullable String user,
        Secret password, Duration lockAttempt) {

    /** Default {@link #lockAttempt()}: short enough that a query queued behind the migration barely notices. */
    public static final Duration DEFAULT_LOCK_ATTEMPT = Duration.ofMillis(200);
    /** Largest {@link #lockTimeout()}: PostgreSQL's lock_timeout holds at most about 24 days of milliseconds. */
    public static final Duration MAX_LOCK_TIMEOUT = Duration.ofHours(24);

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
        Checks.atMost(ConfigKey.MIGRATIONS_LOCK_TIMEOUT, lockTimeout, MAX_LOCK_TIMEOUT);
        Checks.between(ConfigKey.MIGRATIONS_LOCK_ATTEMPT, lockAttempt, Duration.ofMillis(10), Duration.ofMinutes(1));
        if (!lockTimeout.isZero() && lockAttempt.compareTo(lockTimeout) > 0) {
            throw new ConfigurationException(ConfigKey.MIGRATIONS_LOCK_ATTEMPT.property(),
                    ConfigKey.MIGRATIONS_LOCK_ATTEMPT.property() + " (" + Durations.format(lockAttempt)
                            + ") must not exceed " + ConfigKey.MIGRATIONS_LOCK_TIMEOUT.property() + " ("
                            + Durations.format(lockTimeout) + ")");
        }
        if (user != null && user.isBlank()) {
            user = null;
        }
    }

    /**
     * Settings with the default lock attempt.
     *
     * @param locations   Flyway locations
     * @param directory   folder for {@code create}
     * @param lockTimeout how long to keep trying to get locks
     * @param user        the migrations' role, or {@code null}
     * @param password    its password
     */
    public MigrationConfig(List<String> locations, Path directory, Duration lockTimeout, @Nullable String user,
            Secret password) {
        this(locations, directory, lockTimeout, user, password,
                lockTimeout.isZero() || lockTimeout.compareTo(DEFAULT_LOCK_ATTEMPT) >= 0 ? DEFAULT_LOCK_ATTEMPT
                        : lockTimeout);
    }

    /**
     * Settings that run migrations as the application's own user.
     *
     * @param locations   Flyway locations
     * @param directory   folder for {@code create}
     * @param lockTimeout how long to keep trying to get locks
     */
    public MigrationConfig(List<String> locations, Path directory, Duration lockTimeout) {
        this(locations, directory, lockTimeout, null, Secret.empty());
    }
}
