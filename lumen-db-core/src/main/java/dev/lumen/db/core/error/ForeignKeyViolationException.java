package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A foreign key rejected a row: the referenced row is missing, or is still referenced (SQLSTATE 23503). */
public final class ForeignKeyViolationException extends ConstraintViolationException {

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
    public ForeignKeyViolationException(String message, @Nullable String constraint, @Nullable String table,
            @Nullable String column, @Nullable Throwable cause) {
        super(message, "23503", constraint, table, column, cause);
    }
}
