package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A write was attempted in a read-only transaction (SQLSTATE 25006). */
public final class ReadOnlyTransactionException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened, free of bind values
     * @param sqlState the SQLSTATE, if the server reported one
     * @param cause    the sanitized underlying failure
     */
    public ReadOnlyTransactionException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
