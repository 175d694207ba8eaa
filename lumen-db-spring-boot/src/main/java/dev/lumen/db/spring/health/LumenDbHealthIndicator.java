package dev.lumen.db.spring.health;

import dev.lumen.db.core.health.HealthChecker;
import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.pool.PoolState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * lumen-db's {@link HealthReport} as the {@code lumendb} health contributor: UP and DOWN as they are, DEGRADED
 * as the configured status ({@code lumen.db.spring.degraded-status}), with the report's findings as details:
 * ping, pool, current version, pending and failed migrations, and each finding (drift included) as one line.
 * It replaces Boot's {@code db} ping, which would only repeat the first of these.
 */
public final class LumenDbHealthIndicator implements HealthIndicator {

    private final HealthChecker checker;
    private final Status degraded;

    /**
     * Creates the indicator.
     *
     * @param checker  lumen-db's checker
     * @param degraded the status to report for DEGRADED
     */
    public LumenDbHealthIndicator(HealthChecker checker, Status degraded) {
        this.checker = checker;
        this.degraded = degraded;
    }

    @Override
    public Health health(boolean includeDetails) {
        HealthReport report = checker.check();
        Health.Builder builder = switch (report.status()) {
            case UP -> Health.up();
            case DEGRADED -> Health.status(degraded);
            case DOWN -> Health.down();
        };
        if (includeDetails) {
            builder.withDetails(details(report));
        }
        return builder.build();
    }

    @Override
    public @Nullable Health health() {
        return health(true);
    }

    private static Map<String, Object> details(HealthReport report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lumenDbStatus", report.status().name());
        if (report.pingLatency() != null) {
            details.put("pingMillis", report.pingLatency().toNanos() / 1_000_000.0);
        }
        PoolState pool = report.pool();
        details.put("pool", Map.of("active", pool.active(), "idle", pool.idle(), "waiting", pool.waiting(),
                "total", pool.total(), "max", pool.max()));
        if (report.currentVersion() != null) {
            details.put("currentVersion", report.currentVersion());
        }
        details.put("pendingMigrations", report.pendingMigrations());
        details.put("failedMigrations", report.failedMigrations());
        details.put("findings", report.details());
        return details;
    }
}
