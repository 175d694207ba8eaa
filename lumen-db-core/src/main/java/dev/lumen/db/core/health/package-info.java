/**
 * Health: {@link dev.lumen.db.core.health.HealthChecker} pings the server through the pool, reads the pool's
 * state and the migration status, and returns a {@link dev.lumen.db.core.health.HealthReport}.
 */
@NullMarked
package dev.lumen.db.core.health;

import org.jspecify.annotations.NullMarked;
