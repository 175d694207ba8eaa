package dev.lumen.db.repository;

import dev.lumen.db.core.DbScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** A scope that records every statement run through it, for statement counts and query plans. */
final class RecordingScope implements DbScope {

    final List<Query> queries = new CopyOnWriteArrayList<>();
    final List<String> sql = new CopyOnWriteArrayList<>();
    private final DSLContext dsl;

    RecordingScope(DbScope delegate) {
        this.dsl = DSL.using(delegate.dsl().configuration().deriveAppending(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.query() != null) {
                    queries.add(ctx.query());
                }
                sql.add(String.valueOf(ctx.sql()));
            }
        }));
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    int statements() {
        return sql.size();
    }

    /** The plan PostgreSQL picks for the last recorded query. */
    String lastPlan() {
        return dsl.explain(queries.getLast()).plan();
    }
}
