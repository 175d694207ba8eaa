/**
 * Migrations: Flyway underneath, plus what Flyway Community lacks: {@code down N} from undo scripts, a record of
 * failed (rolled back) attempts for {@code status}, and {@code create NAME}. See {@link dev.lumen.db.core.migrate.Migrator}.
 */
@NullMarked
package dev.lumen.db.core.migrate;

import org.jspecify.annotations.NullMarked;
