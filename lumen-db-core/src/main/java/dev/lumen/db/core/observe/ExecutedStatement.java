package dev.lumen.db.core.observe;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement run on the direct path, as {@link StatementObserver}s see it.
 *
 * @param sql        the SQL with placeholders (never bind values)
 * @param kind       what the statement does
 * @param nanos      how long it took, from borrowing the connection to reading the last row
 * @param rows       rows returned or affected
 * @param failure    the lumen-db exception the caller gets, or {@code null}
 * @param bindValues the bind values, for the opt-in bind-value logging only: they may hold personal data
 */
public record ExecutedStatement(String sql, StatementKind kind, long nanos, long rows,
        @Nullable RuntimeException failure, List<?> bindValues) {

    @Override
    public String toString() {
        // Bind values may be personal data: keep them out of accidental logging.
        return "ExecutedStatement[kind=" + kind + ", nanos=" + nanos + ", rows=" + rows + ", sql=" + sql + "]";
    }
}
