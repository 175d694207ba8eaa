package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A row broke an integrity constraint (SQLSTATE class 23). The subtypes name the usual kinds; this type itself
 * covers the rest (for example exclusion constraints, 23P01). Never retryable: the same data fails again.
 */
public sealed class ConstraintViolationException extends DatabaseException
        permits UniqueViolationException, ForeignKeyViolationException, NotNullViolationException,
        CheckViolationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final @Nullable String constraint;
    private final @Nullable String table;
    private final @Nullable String column;

    /**
     * Creates the exception.
     *
     * @param message    what was violated
     * @param sqlState   the SQLSTATE
     * @param constraint the constraint's name, as PostgreSQL reports it
     * @param table      the table
     * @param column     the column, for not-null violations
     * @param cause      the sanitized driver exception
     */
    public ConstraintViolationException(String message, @Nullable String sqlState, @Nullable String constraint,
            @Nullable String table, @Nullable String column, @Nullable Throwable cause) {
        super(message, sqlState, cause);
        this.constraint = constraint;
        this.table = table;
        this.column = column;
    }

    /**
     * The violated constraint, for mapping to a field error ({@code users_email_live_key} -> "email taken").
     *
     * @return the constraint name, or {@code null}
     */
    public @Nullable String constraint() {
        return constraint;
    }

    /**
     * The table the row belongs to.
     *
     * @return the table name, or {@code null}
     */
    public @Nullable String table() {
        return table;
    }

    /**
     * The column, when PostgreSQL names one (not-null violations).
     *
     * @return the column name, or {@code null}
     */
    public @Nullable String column() {
        return column;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
