package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The database refused or could not run a statement. {@link #sqlState()} is PostgreSQL's code;
 * {@link #retryable()} says whether running the same work again may succeed.
 */
public abstract sealed class DatabaseException extends LumenDbException
        permits ConstraintViolationException, InvalidInputException, SerializationFailureException,
        DeadlockException, LockTimeoutException, QueryTimeoutException, UnavailableException,
        ConnectionFailedException, CommitOutcomeUnknownException, ReplicationUnconfirmedException,
        ReadOnlyTransactionException,
        PermissionDeniedException, NotFoundException,
        UnclassifiedDatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final @Nullable String sqlState;

    /**
     * Creates the exception.
     *
     * @param message  a message free of bind values and secrets
     * @param sqlState PostgreSQL's SQLSTATE, if the failure came from the server
     * @param cause    the sanitized driver exception
     */
    protected DatabaseException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /**
     * PostgreSQL's five-character error code.
     *
     * @return the SQLSTATE, or {@code null} when the failure did not come from the server
     */
    public @Nullable String sqlState() {
        return sqlState;
    }

    /**
     * Whether repeating the whole unit of work may succeed (serialization failures, deadlocks, lock timeouts,
     * an unavailable server).
     *
     * @return true when a retry may help
     */
    public abstract boolean retryable();
}
