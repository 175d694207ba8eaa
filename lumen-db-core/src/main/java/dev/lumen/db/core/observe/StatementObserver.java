package dev.lumen.db.core.observe;

/**
 * Sees statements that lumen-db runs on its direct path: SQL rendered by jOOQ once per query shape and then
 * executed straight through JDBC (see {@code dev.lumen.db.core.statement.RenderedQuery}). jOOQ does not call
 * {@link org.jooq.ExecuteListener}s for those, so a listener that must see every statement implements this too;
 * a configuration carrying any listener that does not is never given the direct path.
 */
public interface StatementObserver {

    /**
     * Called once after each statement of the direct path, on the thread that ran it.
     *
     * @param statement what ran and how it went
     */
    void executed(ExecutedStatement statement);
}
