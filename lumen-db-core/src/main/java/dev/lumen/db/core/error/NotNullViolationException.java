package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A NOT NULL column got no value (SQLSTATE 23502). */
public final class NotNullViolationException extends ConstraintViolationException {

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
    public NotNullViolationException(String message, @Nullable String constraint, @Nullable String table,
            @Nullable String column, @Nullable Throwable cause) {
        super(message, "23502", constraint, table, column, cause);
    }
}
