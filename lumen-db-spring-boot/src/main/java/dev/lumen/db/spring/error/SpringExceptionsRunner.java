package dev.lumen.db.spring.error;

import dev.lumen.db.core.error.LumenDbException;
import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.core.tx.TxFunction;
import dev.lumen.db.core.tx.TxOptions;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * The {@code TransactionRunner} bean when {@code lumen.db.spring.exceptions=spring}: lumen-db's runner, whose
 * failures leave as Spring's {@link DataAccessException} for their SQLSTATE. The runner itself types every SQL
 * failure as lumen-db's (commit, savepoints, statements), so the translation happens at its boundary.
 */
public final class SpringExceptionsRunner implements TransactionRunner {

    private final TransactionRunner delegate;
    private final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

    /**
     * Wraps a runner.
     *
     * @param delegate lumen-db's runner
     */
    public SpringExceptionsRunner(TransactionRunner delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T call(TxOptions options, TxFunction<T> work) {
        try {
            return delegate.call(options, work);
        } catch (LumenDbException failure) {
            SQLException sql = sqlException(failure);
            DataAccessException translated = sql == null ? null : translator.translate("lumen-db transaction", null, sql);
            if (translated == null) {
                throw failure;
            }
            throw translated;
        }
    }

    private static @Nullable SQLException sqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
