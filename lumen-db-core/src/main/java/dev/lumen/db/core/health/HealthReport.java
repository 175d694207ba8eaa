package dev.lumen.db.core.health;

import dev.lumen.db.core.pool.PoolState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one health check.
 *
 * @param status            UP, DEGRADED or DOWN
 * @param checkedAt         when the check ran
 * @param pingLatency       round trip of {@code SELECT 1} through the pool, or {@code null} when it failed
 * @param pool              the pool's state
 * @param currentVersion    the newest applied migration, if known
 * @param pendingMigrations migrations not applied yet, or -1 when unknown
 * @param failedMigrations  failed migrations (rolled back or dirty), or -1 when unknown
 * @param details           one line per finding that made the status worse than UP
 * @param replicas          the read replicas as the lag probes last found them (empty without replicas)
 */
public record HealthReport(HealthStatus status, Instant checkedAt, @Nullable Duration pingLatency, PoolState pool,
        @Nullable String currentVersion, int pendingMigrations, int failedMigrations, List<String> details,
        List<ReplicaStatus> replicas) {

    /** Freezes the lists. */
    public HealthReport {
        details = List.copyOf(details);
        replicas = List.copyOf(replicas);
    }

    /**
     * A report without replicas.
     *
     * @param status            UP, DEGRADED or DOWN
     * @param checkedAt         when the check ran
     * @param pingLatency       round trip of {@code SELECT 1}, or {@code null} when it failed
     * @param pool              the pool's state
     * @param currentVersion    the newest applied migration, if known
     * @param pendingMigrations migrations not applied yet, or -1 when unknown
     * @param failedMigrations  failed migrations, or -1 when unknown
     * @param details           one line per finding
     */
    public HealthReport(HealthStatus status, Instant checkedAt, @Nullable Duration pingLatency, PoolState pool,
            @Nullable String currentVersion, int pendingMigrations, int failedMigrations, List<String> details) {
        this(status, checkedAt, pingLatency, pool, currentVersion, pendingMigrations, failedMigrations, details,
                List.of());
    }

    /**
     * The report of a database that could not be reached at all (no pool could even start), so that a JSON consumer
     * still gets a document.
     *
     * @param reason  one line, without secrets
     * @param maxPool the configured pool size
     * @return a DOWN report
     */
    public static HealthReport down(String reason, int maxPool) {
        return new HealthReport(HealthStatus.DOWN, Instant.now(), null, new PoolState(0, 0, 0, 0, maxPool), null, -1,
                -1, List.of(reason));
    }
}
