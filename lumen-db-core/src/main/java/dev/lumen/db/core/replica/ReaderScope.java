package dev.lumen.db.core.replica;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.tx.ConsistencyToken;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * An explicit reader scope: every statement runs in auto-commit on a healthy replica (one that has replayed the
 * token, if given), locking reads on the primary. A write sent here fails with
 * {@link dev.lumen.db.core.error.ReadOnlyTransactionException}: replica sessions refuse writes.
 */
public final class ReaderScope implements DbScope {

    private final DSLContext dsl;

    /**
     * A reader scope.
     *
     * @param router the router
     * @param jooq   the shared jOOQ configuration (listeners, settings)
     * @param token  the write the reads must see, or {@code null}
     */
    public ReaderScope(ReplicaRouter router, Configuration jooq, @Nullable ConsistencyToken token) {
        this.dsl = DSL.using(jooq.derive(new ReaderConnections(router, token)));
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }
}
