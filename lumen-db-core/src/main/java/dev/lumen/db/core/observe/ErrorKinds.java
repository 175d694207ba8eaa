package dev.lumen.db.core.observe;

import dev.lumen.db.core.error.CheckViolationException;
import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.error.ConstraintViolationException;
import dev.lumen.db.core.error.DatabaseException;
import dev.lumen.db.core.error.DeadlockException;
import dev.lumen.db.core.error.ForeignKeyViolationException;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.LockTimeoutException;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.core.error.NotNullViolationException;
import dev.lumen.db.core.error.PermissionDeniedException;
import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.error.ReadOnlyTransactionException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.core.error.UnclassifiedDatabaseException;
import dev.lumen.db.core.error.UniqueViolationException;
import org.jspecify.annotations.Nullable;

/** Bounded tag values for failures. */
public final class ErrorKinds {

    private ErrorKinds() {
    }

    /**
     * A snake_case name for the kind of failure.
     *
     * @param failure the failure
     * @return for example {@code unique_violation}; {@code other} for anything that is not a database failure
     */
    public static String kind(@Nullable Throwable failure) {
        if (!(failure instanceof DatabaseException database)) {
            return failure == null ? "none" : "other";
        }
        return switch (database) {
            case UniqueViolationException e -> "unique_violation";
            case ForeignKeyViolationException e -> "foreign_key_violation";
            case NotNullViolationException e -> "not_null_violation";
            case CheckViolationException e -> "check_violation";
            case ConstraintViolationException e -> "constraint_violation";
            case InvalidInputException e -> "invalid_input";
            case SerializationFailureException e -> "serialization_failure";
            case DeadlockException e -> "deadlock";
            case LockTimeoutException e -> "lock_timeout";
            case QueryTimeoutException e -> "query_timeout";
            case UnavailableException e -> "unavailable";
            case CommitOutcomeUnknownException e -> "commit_outcome_unknown";
            case dev.lumen.db.core.error.ReplicationUnconfirmedException e -> "replication_unconfirmed";
            case ConnectionFailedException e -> "connection_failed";
            case ReadOnlyTransactionException e -> "read_only_transaction";
            case PermissionDeniedException e -> "permission_denied";
            case NotFoundException e -> "not_found";
            case UnclassifiedDatabaseException e -> "unclassified";
        };
    }

    /**
     * The SQLSTATE class tag value.
     *
     * @param failure the failure, or {@code null} on success
     * @return two characters, {@code none} on success, {@code unknown} when no SQLSTATE is known
     */
    public static String sqlStateClass(@Nullable Throwable failure) {
        if (failure == null) {
            return "none";
        }
        if (failure instanceof DatabaseException database && database.sqlState() != null
                && database.sqlState().length() >= 2) {
            return database.sqlState().substring(0, 2);
        }
        return "unknown";
    }
}
