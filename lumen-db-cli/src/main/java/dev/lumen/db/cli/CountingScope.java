package dev.lumen.db.cli;

import dev.lumen.db.core.DbScope;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;

/** A scope that counts the statements run through it, to show that a repository call is one statement. */
final class CountingScope implements DbScope {

    private final AtomicInteger statements = new AtomicInteger();
    private final DSLContext dsl;

    CountingScope(DbScope delegate) {
        this.dsl = DSL.using(delegate.dsl().configuration().deriveAppending(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.incrementAndGet();
            }
        }));
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    int statements() {
        return statements.get();
    }
}
