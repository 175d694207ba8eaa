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

    /** Validates ranges (Hikari's own minimums included, so Hikari never silently changes a value). */
    public PoolConfig {
        Checks.range(ConfigKey.POOL_MAX_SIZE, maxSize, 1, 10_000);
        Checks.range(ConfigKey.POOL_MIN_IDLE, minIdle, 0, 10_000);
        if (minIdle > maxSize) {
            throw new ConfigurationException(ConfigKey.POOL_MIN_IDLE.property(), ConfigKey.POOL_MIN_IDLE.property()
                    + " (" + minIdle + ") must not exceed " + ConfigKey.POOL_MAX_SIZE.property() + " (" + maxSize + ")");
        }
        Checks.zeroOrAtLeast(ConfigKey.POOL_MAX_LIFETIME, maxLifetime, Duration.ofSeconds(30));
        Checks.zeroOrAtLeast(ConfigKey.POOL_IDLE_TIMEOUT, idleTimeout, Duration.ofSeconds(10));
        Checks.atLeast(ConfigKey.POOL_ACQUIRE_TIMEOUT, acquireTimeout, Duration.ofMillis(250));
        Checks.zeroOrAtLeast(ConfigKey.POOL_LEAK_DETECTION, leakDetectionThreshold, Duration.ofSeconds(2));
    }
}
