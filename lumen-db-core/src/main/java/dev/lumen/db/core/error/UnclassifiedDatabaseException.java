package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** Any other database failure, such as a syntax error in hand-written SQL; {@link #sqlState()} tells which. */
public final class UnclassifiedDatabaseException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened, free of bind values
     * @param sqlState the SQLSTATE, if the server reported one
     * @param cause    the sanitized underlying failure
     */
    public UnclassifiedDatabaseException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
