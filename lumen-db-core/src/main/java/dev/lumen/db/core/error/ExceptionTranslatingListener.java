package dev.lumen.db.core.error;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Replaces jOOQ's {@code DataAccessException} with the lumen-db exception for its SQLSTATE, before any other
 * listener and before the caller sees it. jOOQ's own message (which repeats the SQL) is dropped with it.
 */
public final class ExceptionTranslatingListener implements ExecuteListener {

    /** Creates the listener; it is stateless. */
    public ExceptionTranslatingListener() {
    }

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        if (failure != null && !(failure instanceof LumenDbException) && SqlStateTranslator.isSqlFailure(failure)) {
            ctx.exception(SqlStateTranslator.translate(failure));
        }
    }
}
