package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.time.Duration;

/**
 * The connection pool (HikariCP). The first four knobs are the Go package's
 * {@code SetMaxOpenConns}, {@code SetMaxIdleConns}, {@code SetConnMaxLifetime} and {@code SetConnMaxIdleTime}.
 *
 * @param maxSize                largest number of connections
 * @param minIdle                idle connections kept ready
 * @param maxLifetime            retire connections after this age; zero is never
 * @param idleTimeout            close idle connections above {@code minIdle} after this; zero is never
 * @param acquireTimeout         longest wait for a connection
 * @param leakDetectionThreshold warn when a connection is held longer; zero is off
 */
public record PoolConfig(int maxSize, int minIdle, Duration maxLifetime, Duration idleTimeout, Duration acquireTimeout,
        Duration leakDetectionThreshold) {

    /** Largest {@link #maxLifetime()} and {@link #idleTimeout()}. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    /** Largest {@link #acquireTimeout()}: a caller waiting longer for a connection is better told to come back. */
    public static final Duration MAX_ACQUIRE_TIMEOUT = Duration.ofMinutes(10);
    /** Largest {@link #leakDetectionThreshold()}. */
    public static final Duration MAX_LEAK_DETECTION = Duration.ofHours(24);

    /** Validates ranges (Hikari's own minimums included, so Hikari never silently changes a value). */
    public PoolConfig {
        Checks.range(ConfigKey.POOL_MAX_SIZE, maxSize, 1, 10_000);
        Checks.range(ConfigKey.POOL_MIN_IDLE, minIdle, 0, 10_000);
        if (minIdle > maxSize) {
            throw new ConfigurationException(ConfigKey.POOL_MIN_IDLE.property(), ConfigKey.POOL_MIN_IDLE.property()
                    + " (" + minIdle + ") must not exceed " + ConfigKey.POOL_MAX_SIZE.property() + " (" + maxSize + ")");
        }
        Checks.zeroOrBetween(ConfigKey.POOL_MAX_LIFETIME, maxLifetime, Duration.ofSeconds(30), MAX_LIFETIME);
        Checks.zeroOrBetween(ConfigKey.POOL_IDLE_TIMEOUT, idleTimeout, Duration.ofSeconds(10), MAX_LIFETIME);
        Checks.between(ConfigKey.POOL_ACQUIRE_TIMEOUT, acquireTimeout, Duration.ofMillis(250), MAX_ACQUIRE_TIMEOUT);
        Checks.zeroOrBetween(ConfigKey.POOL_LEAK_DETECTION, leakDetectionThreshold, Duration.ofSeconds(2),
                MAX_LEAK_DETECTION);
        boolean retires = !maxLifetime.isZero();
        // Hikari would otherwise switch these off with a log line instead of refusing them.
        if (retires && !idleTimeout.isZero() && minIdle < maxSize
                && idleTimeout.plusSeconds(1).compareTo(maxLifetime) > 0) {
            throw new ConfigurationException(ConfigKey.POOL_IDLE_TIMEOUT.property(), ConfigKey.POOL_IDLE_TIMEOUT.property()
                    + " (" + Durations.format(idleTimeout) + ") must be at least 1s shorter than "
                    + ConfigKey.POOL_MAX_LIFETIME.property() + " (" + Durations.format(maxLifetime) + ")");
        }
        if (retires && leakDetectionThreshold.compareTo(maxLifetime) > 0) {
            throw new ConfigurationException(ConfigKey.POOL_LEAK_DETECTION.property(),
                    ConfigKey.POOL_LEAK_DETECTION.property() + " (" + Durations.format(leakDetectionThreshold)
                            + ") must not exceed " + ConfigKey.POOL_MAX_LIFETIME.property() + " ("
                            + Durations.format(maxLifetime) + ")");
        }
    }
}
