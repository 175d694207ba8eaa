package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The transaction is committed on the primary, but its wait for the synchronous standbys was cancelled
 * (PostgreSQL's "canceling wait for synchronous replication" warning): the data is visible on the primary and
 * would be lost if the primary failed now and a standby that lacks it were promoted. Not success, and never
 * retryable (running the work again would store it twice): check the standbys, or treat the write as at risk.
 */
public final class ReplicationUnconfirmedException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what happened
     * @param sqlState the warning's SQLSTATE
     * @param cause    the server's warning
     */
    public ReplicationUnconfirmedException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }

    /**
     * Always true: the primary has the data.
     *
     * @return true
     */
    public boolean committedLocally() {
        return true;
    }

    /** Never: the work is committed on the primary. */
    @Override
    public boolean retryable() {
        return false;
    }
}
