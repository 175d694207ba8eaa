package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception lumen-db throws. Unchecked and sealed: a {@code switch} over the subtypes is
 * exhaustive.
 */
public abstract sealed class LumenDbException extends RuntimeException
        permits ConfigurationException, MigrationException, DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a message free of secrets
     * @param cause   the underlying failure, sanitized
     */
    protected LumenDbException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
