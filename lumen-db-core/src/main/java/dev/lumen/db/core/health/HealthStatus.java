package dev.lumen.db.core.health;

/** Overall health, worst first when sorted descending. */
public enum HealthStatus {
    /** Reachable, migrated, pool not saturated, ping fast. */
    UP,
    /** Serving, but something needs attention: pending or failed migrations, a saturated pool, a slow ping. */
    DEGRADED,
    /** The database cannot be reached. */
    DOWN
}
