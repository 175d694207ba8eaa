package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.SqlStateTranslator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;

/** A transaction or savepoint on one connection. */
final class TxScope implements Tx {

    private final Connection connection;
    private final Configuration jooq;
    private final @Nullable Supplier<ExecuteListener> perTransaction;
    private final TxOptions options;
    private final int attempt;
    private final List<Runnable> afterCommit = new ArrayList<>(0);
    private @Nullable DSLContext dsl;

    TxScope(Connection connection, Configuration jooq, @Nullable Supplier<ExecuteListener> perTransaction,
            TxOptions options, int attempt) {
        this.connection = connection;
        this.jooq = jooq;
        this.perTransaction = perTransaction;
        this.options = options;
        this.attempt = attempt;
    }

    private TxScope(TxScope parent) {
        this(parent.connection, parent.jooq, parent.perTransaction, parent.options, parent.attempt);
        this.dsl = parent.dsl();
    }

    @Override
    public DSLContext dsl() {
        DSLContext current = dsl;
        if (current == null) {
            // One derived configuration per transaction: its connection and, if any, its own listener.
            Configuration derived = jooq.derive(new DefaultConnectionProvider(connection));
            if (perTransaction != null) {
                ExecuteListenerProvider[] shared = derived.executeListenerProviders();
                ExecuteListenerProvider[] all = Arrays.copyOf(shared, shared.length + 1);
                all[shared.length] = new DefaultExecuteListenerProvider(perTransaction.get());
                derived.set(all);
            }
            current = DSL.using(derived);
            dsl = current;
        }
        return current;
    }

    @Override
    public <T> T savepoint(TxFunction<T> work) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
        TxScope nested = new TxScope(this);
        T result;
        try {
            result = work.apply(nested);
        } catch (RuntimeException | Error failure) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(SqlStateTranslator.translate(rollbackFailure));
            }
            throw Failures.rethrow(Failures.translated(failure));
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
        afterCommit.addAll(nested.afterCommit);
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    @Override
    public TxOptions options() {
        return options;
    }

    @Override
    public int attempt() {
        return attempt;
    }
}
