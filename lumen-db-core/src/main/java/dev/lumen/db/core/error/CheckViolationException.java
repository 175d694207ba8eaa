package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A CHECK constraint rejected a row (SQLSTATE 23514). */
public final class CheckViolationException extends ConstraintViolationException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    what was violated
     * @param constraint the constraint's name
     * @param table      the table
     * @param column     the column, when known
     * @param cause      the sanitized driver exception
     */
    public CheckViolationException(String message, @Nullable String constraint, @Nullable String table,
            @Nullable String column, @Nullable Throwable cause) {
        super(message, "23514", constraint, table, column, cause);
    }
}
