package dev.lumen.db.core;

import org.jooq.DSLContext;

/**
 * Where statements run: a {@link LumenDb} (each statement on its own pooled connection, auto-committed) or a
 * {@link dev.lumen.db.core.tx.Tx} (all statements in one transaction). Repository methods take a scope, so the
 * same method serves both and services compose several calls into one transaction.
 */
public interface DbScope {

    /**
     * jOOQ bound to this scope.
     *
     * @return the {@code DSLContext}
     */
    DSLContext dsl();
}
