package dev.lumen.db.core.error;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * Replaces jOOQ's {@code DataAccessException} with the lumen-db exception for its SQLSTATE, before any other
 * listener and before the caller sees it. jOOQ's own message (which repeats the SQL) is dropped with it. A write
 * that lost its auto-commit connection while in flight may have committed: it becomes
 * {@link CommitOutcomeUnknownException}, like a lost COMMIT.
 */
public final class ExceptionTranslatingListener implements ExecuteListener {

    /** {@code ctx.data()} key: the statement ran in auto-commit mode (its own transaction). */
    private static final String AUTO_COMMIT = "lumen.db.auto-commit";

    /** Creates the listener; it is stateless. */
    public ExceptionTranslatingListener() {
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        // Read now: once the connection is lost the driver no longer answers getAutoCommit().
        Connection connection = ctx.connection();
        if (ctx.type() != ExecuteType.READ && connection != null) {
            try {
                if (connection.getAutoCommit()) {
                    ctx.data(AUTO_COMMIT, Boolean.TRUE);
                }
            } catch (SQLException e) {
                // The statement will fail on this connection and be translated then.
            }
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        if (failure != null && !(failure instanceof LumenDbException) && SqlStateTranslator.isSqlFailure(failure)) {
            ctx.exception(Boolean.TRUE.equals(ctx.data(AUTO_COMMIT))
                    ? SqlStateTranslator.translateCommitFailure(failure)
                    : SqlStateTranslator.translate(failure));
        }
    }

    /**
     * Whether statements through this provider commit on their own: lumen-db's shared {@code DSLContext} borrows
     * an auto-commit connection from the pool per statement, while a transaction's scope holds one connection.
     *
     * @param provider the scope's connection provider
     * @return true for the pool's per-statement provider
     */
    public static boolean autoCommits(ConnectionProvider provider) {
        return provider instanceof DataSourceConnectionProvider;
    }
}
