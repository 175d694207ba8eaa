/**
 * The HikariCP connection pool, configured from {@link dev.lumen.db.core.config.DatabaseConfig}, and the
 * classification of start-up connection failures.
 */
@NullMarked
package dev.lumen.db.core.pool;

import org.jspecify.annotations.NullMarked;
