package dev.lumen.db.core.observe;

import dev.lumen.db.core.DbScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;

/**
 * A query budget for tests (and development checks): run a block with a scope that counts its statements, and
 * fail when it ran more than allowed.
 *
 * <pre>{@code
 * List<UserWithRoles> all = StatementBudget.atMost(1, db, scope -> users.withRoles(scope, Filter.all(), page));
 * }</pre>
 */
public final class StatementBudget {

    private StatementBudget() {
    }

    /**
     * What a block ran.
     *
     * @param statements the SQL of every statement executed, in order (placeholders only)
     * @param <T>        the block's result type
     * @param result     the block's result
     */
    public record Spent<T>(T result, List<String> statements) {

        /** Freezes the list. */
        public Spent {
            statements = List.copyOf(statements);
        }
    }

    /**
     * Runs the block with a counting scope.
     *
     * @param scope the scope to count through (a {@code LumenDb} or a {@code Tx})
     * @param block the code under budget; it must use the scope it is given
     * @param <T>   the result type
     * @return the result and the statements it ran
     */
    public static <T> Spent<T> count(DbScope scope, Function<DbScope, T> block) {
        List<String> statements = new CopyOnWriteArrayList<>();
        DSLContext counting = DSL.using(scope.dsl().configuration().deriveAppending(new Recorder(statements)));
        T result = block.apply(() -> counting);
        return new Spent<>(result, statements);
    }

    /**
     * Runs the block and fails when it ran more than {@code max} statements.
     *
     * @param max   the budget
     * @param scope the scope to count through
     * @param block the code under budget; it must use the scope it is given
     * @param <T>   the result type
     * @return the block's result
     * @throws AssertionError listing the statements when the budget is exceeded
     */
    public static <T> T atMost(int max, DbScope scope, Function<DbScope, T> block) {
        Spent<T> spent = count(scope, block);
        if (spent.statements().size() > max) {
            throw new AssertionError("Query budget exceeded: " + spent.statements().size() + " statements, at most "
                    + max + " allowed; first: " + spent.statements().getFirst());
        }
        return spent.result();
    }

    /** Records every statement, whichever path ran it. */
    private record Recorder(List<String> statements) implements ExecuteListener, StatementObserver {

        @Override
        public void executeStart(ExecuteContext ctx) {
            statements.add(String.valueOf(ctx.sql()));
        }

        @Override
        public void executed(ExecutedStatement statement) {
            statements.add(statement.sql());
        }
    }
}
