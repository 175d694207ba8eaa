package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The connection was lost after {@code COMMIT} (or an auto-commit write) was sent, so nobody on this side knows
 * whether the server committed: under backend kills most such transactions turn out to be committed. Never
 * retryable: running the same work again may store it twice. A caller that must retry makes the work idempotent
 * first (an idempotency key checked inside the transaction, see the README's "Commits in doubt"), or checks
 * whether the change is there.
 */
public final class CommitOutcomeUnknownException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened, free of bind values
     * @param sqlState the SQLSTATE the driver reported for the lost connection, if any
     * @param cause    the sanitized underlying failure
     */
    public CommitOutcomeUnknownException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    /** Never: the work may already be committed. */
    @Override
    public boolean retryable() {
        return false;
    }
}
