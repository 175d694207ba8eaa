package dev.lumen.db.core.config;

import java.time.Duration;

/**
 * Metrics, logs and health.
 *
 * @param slowQueryThreshold statements slower than this are logged
 * @param logBindValues      add bind values to slow-query lines (never in prod)
 * @param healthSlowPing     a ping slower than this makes the health report DEGRADED
 */
public record ObservabilityConfig(Duration slowQueryThreshold, boolean logBindValues, Duration healthSlowPing) {

    /** Validates the thresholds. */
    public ObservabilityConfig {
        Checks.atLeast(ConfigKey.SLOW_QUERY_THRESHOLD, slowQueryThreshold, Duration.ofMillis(1));
        Checks.atLeast(ConfigKey.HEALTH_SLOW_PING, healthSlowPing, Duration.ofMillis(1));
    }
}
