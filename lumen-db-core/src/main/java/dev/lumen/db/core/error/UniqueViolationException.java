package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A unique constraint or unique index rejected a duplicate (SQLSTATE 23505). */
public final class UniqueViolationException extends ConstraintViolationException {

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
    public UniqueViolationException(String message, @Nullable String constraint, @Nullable String table,
            @Nullable String column, @Nullable Throwable cause) {
        super(message, "23505", constraint, table, column, cause);
    }
}
