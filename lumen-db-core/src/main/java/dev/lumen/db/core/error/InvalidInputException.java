package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A value the database cannot accept: malformed text for its type, a string too long, a NUL byte, a number out of range (SQLSTATE class 22), or a request lumen-db refuses before sending it (a page size out of range, an unknown sort key). */
public final class InvalidInputException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened, free of bind values
     * @param sqlState the SQLSTATE, if the server reported one
     * @param cause    the sanitized underlying failure
     */
    public InvalidInputException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
