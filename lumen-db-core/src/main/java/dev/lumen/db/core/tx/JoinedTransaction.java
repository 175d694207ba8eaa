package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.SqlStateTranslator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Work of {@link TransactionRunner#call} that joins a host framework's open transaction: one attempt (retrying is
 * the outermost transaction's job), inside a savepoint so a failure undoes only this work, with its own
 * timeouts for the savepoint's duration. An isolation the open transaction does not have is refused: PostgreSQL
 * cannot change it once the transaction has run a statement, and silently running at a weaker level would be
 * worse.
 */
final class JoinedTransaction {

    private static final String READ_SETTINGS =
            "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')";
    private static final String RESTORE_SETTINGS =
            "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)";

    private JoinedTransaction() {
    }

    static <T> T call(AmbientTransaction ambient, TxOptions options, TxFunction<T> work, Configuration jooq,
            @Nullable Supplier<ExecuteListener> perTransaction) {
        Connection connection = ambient.connection();
        TxOptions outer = ambient.options();
        Isolation isolation = joinedIsolation(connection, outer.isolation(), options.isolation());
        TxOptions effective = new TxOptions(isolation, outer.readOnly(), options.timeout(), options.lockTimeout(), 0);
        TxScope joined = new TxScope(connection, jooq, perTransaction, effective, 1);
        TxFunction<T> timed = tx -> withTimeouts(connection, options, () -> work.apply(tx));
        T result = joined.savepoint(timed);
        for (Runnable action : joined.afterCommitActions()) {
            ambient.afterCommit(action);
        }
        return result;
    }

    private static Isolation joinedIsolation(Connection connection, Isolation outer, Isolation requested) {
        if (requested == Isolation.DEFAULT || requested == outer) {
            return outer;
        }
        Isolation actual = outer == Isolation.DEFAULT ? serverIsolation(connection) : outer;
        if (actual != requested) {
            throw new IllegalStateException("A transaction asking for " + requested + " cannot join the open "
                    + actual + " transaction: PostgreSQL fixes the isolation when a transaction starts. Ask for "
                    + requested + " where the outermost transaction begins (with Spring: @Transactional(isolation"
                    + " = ...) or @LumenTransactional on the outermost method)");
        }
        return actual;
    }

    private static Isolation serverIsolation(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('transaction_isolation')")) {
            rows.next();
            return switch (rows.getString(1).toLowerCase(Locale.ROOT)) {
                case "serializable" -> Isolation.SERIALIZABLE;
                case "repeatable read" -> Isolation.REPEATABLE_READ;
                default -> Isolation.READ_COMMITTED;
            };
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
    }

    /**
     * Runs {@code work} with the options' timeouts as {@code SET LOCAL}, put back afterwards so the rest of the
     * open transaction keeps its own. A failure needs no restoring: rolling back to the savepoint undoes them.
     */
    private static <T> T withTimeouts(Connection connection, TxOptions options, Supplier<T> work) {
        if (options.timeout().isZero() && options.lockTimeout().isZero()) {
            return work.get();
        }
        String statementTimeout;
        String lockTimeout;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ_SETTINGS)) {
            rows.next();
            statementTimeout = rows.getString(1);
            lockTimeout = rows.getString(2);
            String set = TxPreamble.sql(new TxOptions(Isolation.DEFAULT, false, options.timeout(),
                    options.lockTimeout(), 0));
            statement.execute(set);
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
        T result = work.get();
        try (PreparedStatement restore = connection.prepareStatement(RESTORE_SETTINGS)) {
            restore.setString(1, statementTimeout);
            restore.setString(2, lockTimeout);
            restore.execute();
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
        return result;
    }
}
