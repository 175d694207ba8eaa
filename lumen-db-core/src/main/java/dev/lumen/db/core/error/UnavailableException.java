package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The database cannot be reached right now: no connection within the pool's acquire timeout, a connection lost mid-query, the server shutting down or out of connection slots (SQLSTATE classes 08, 53300, 57P01-57P03). */
public final class UnavailableException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened, free of bind values
     * @param sqlState the SQLSTATE, if the server reported one
     * @param cause    the sanitized underlying failure
     */
    public UnavailableException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
