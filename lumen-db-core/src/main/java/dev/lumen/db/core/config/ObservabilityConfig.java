package dev.lumen.db.core.config;

import java.time.Duration;

/**
 * Metrics, logs and health.
 *
 * @param slowQueryThreshold statements slower than this are logged
 * @param logBindValues      add bind values to slow-query lines (never in prod)
 * @param healthSlowPing     a ping slower than this makes the health report DEGRADED
 * @param repeatedStatementThreshold executions of one statement within a transaction that count as a likely
 *                           N+1; zero is off
 */
public record ObservabilityConfig(Duration slowQueryThreshold, boolean logBindValues, Duration healthSlowPing,
        int repeatedStatementThreshold) {

    /** Validates the thresholds. */
    public ObservabilityConfig {
        Checks.between(ConfigKey.SLOW_QUERY_THRESHOLD, slowQueryThreshold, Duration.ofMillis(1), Duration.ofHours(24));
        Checks.between(ConfigKey.HEALTH_SLOW_PING, healthSlowPing, Duration.ofMillis(1), Duration.ofMinutes(1));
        if (repeatedStatementThreshold != 0) {
            Checks.range(ConfigKey.REPEATED_STATEMENT_THRESHOLD, repeatedStatementThreshold, 2, 1_000_000);
        }
    }
}
