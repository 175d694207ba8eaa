package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A lock was not granted within {@code lock_timeout} (SQLSTATE 55P03). */
public final class LockTimeoutException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened, free of bind values
     * @param sqlState the SQLSTATE, if the server reported one
     * @param cause    the sanitized underlying failure
     */
    public LockTimeoutException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
