package dev.lumen.db.spring.error;

import java.sql.SQLException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * The opt-in switch to Spring's exception family ({@code lumen.db.spring.exceptions=spring}): runs after
 * lumen-db's own translating listener and replaces its typed exception with Spring's {@link DataAccessException}
 * for the same SQLSTATE ({@code DuplicateKeyException} for 23505, {@code QueryTimeoutException} for 57014,
 * {@code CannotAcquireLockException} / {@code PessimisticLockingFailureException} for 40001 / 40P01 ...). The
 * SQL passed on is jOOQ's rendered text with {@code ?} placeholders, never bind values.
 */
public final class SpringExceptionTranslatingListener implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final transient SQLExceptionTranslator translator;

    /** Translates by SQLSTATE (PostgreSQL's codes are standard, so no error-code table is needed). */
    public SpringExceptionTranslatingListener() {
        this(new SQLStateSQLExceptionTranslator());
    }

    /**
     * Translates with the given translator.
     *
     * @param translator Spring's translator
     */
    public SpringExceptionTranslatingListener(SQLExceptionTranslator translator) {
        this.translator = translator;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        SQLException failure = sqlException(ctx);
        if (failure == null) {
            return;
        }
        DataAccessException translated = translator.translate("jOOQ", ctx.sql(), failure);
        if (translated != null) {
            ctx.exception(translated);
        }
    }

    private static SQLException sqlException(ExecuteContext ctx) {
        SQLException direct = ctx.sqlException();
        if (direct != null) {
            return direct;
        }
        for (Throwable cause = ctx.exception(); cause != null; cause = cause.getCause()) {
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
