package dev.lumen.db.core.error;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Maps a driver or pool failure to the {@link DatabaseException} family by SQLSTATE.
 *
 * <p>The messages are PostgreSQL's primary message only: never the DETAIL line (which repeats key values and
 * row contents), never bind values, and for invalid-input errors the offending value is redacted. The cause
 * attached is a sanitized copy of the driver exception that keeps its SQLSTATE and stack trace, so logging the
 * exception with its stack cannot leak what the message hides.
 */
public final class SqlStateTranslator {

    /** {@code invalid input syntax for type uuid: "abc"} -> {@code ... uuid: (value redacted)}. */
    private static final Pattern QUOTED_VALUE = Pattern.compile(":\\s*\".*\"\\s*$", Pattern.DOTALL);

    private SqlStateTranslator() {
    }

    /**
     * Whether {@code failure} carries an {@link SQLException} that this translator can classify.
     *
     * @param failure any exception
     * @return true when translation applies
     */
    public static boolean isSqlFailure(Throwable failure) {
        return failure instanceof DatabaseException || findSqlException(failure) != null;
    }

    /**
     * Translates a failure.
     *
     * @param failure a jOOQ {@code DataAccessException}, an {@link SQLException}, or anything wrapping one
     * @return the matching exception; {@code failure} itself when it already is one
     */
    public static DatabaseException translate(Throwable failure) {
        if (failure instanceof DatabaseException known) {
            return known;
        }
        SQLException sql = findSqlException(failure);
        if (sql == null) {
            return new UnclassifiedDatabaseException(firstLine(failure.getMessage()), null, null);
        }
        String state = sql.getSQLState();
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String message = message(sql, server, state);
        SQLException cause = sanitized(sql, message);
        if (sql instanceof SQLTransientConnectionException) {
            return new UnavailableException("No database connection available: " + message, state, cause);
        }
        if (state == null) {
            return new UnclassifiedDatabaseException(message, null, cause);
        }
        String constraint = server == null ? null : server.getConstraint();
        String table = server == null ? null : server.getTable();
        String column = server == null ? null : server.getColumn();
        return switch (state) {
            case "23505" -> new UniqueViolationException(message, constraint, table, column, cause);
            case "23503" -> new ForeignKeyViolationException(message, constraint, table, column, cause);
            case "23502" -> new NotNullViolationException(message, constraint, table, column, cause);
            case "23514" -> new CheckViolationException(message, constraint, table, column, cause);
            case "40001" -> new SerializationFailureException(message, state, cause);
            case "40P01" -> new DeadlockException(message, state, cause);
            case "55P03" -> new LockTimeoutException(message, state, cause);
            case "57014" -> new QueryTimeoutException(message, state, cause);
            case "25006" -> new ReadOnlyTransactionException(message, state, cause);
            case "42501" -> new PermissionDeniedException(message, state, cause);
            case "53300", "57P01", "57P02", "57P03" -> new UnavailableException(message, state, cause);
            // For example behind a pool that could not open a connection after a password rotation.
            case String login when isLoginRefusal(login) -> new ConnectionFailedException(
                    "The server refused the user or password: " + message, ConnectionFailedException.Reason.AUTHENTICATION,
                    state, cause);
            default -> byClass(message, state, constraint, table, column, cause);
        };
    }

    /**
     * Whether a SQLSTATE means the server refused the login: a wrong password or unknown role (class 28), or no
     * password for a server that asks for one (pgjdbc's 08004, "connection rejected"). Configuration to fix, never an
     * outage to wait out, so not retryable.
     *
     * @param state a SQLSTATE, or null
     * @return true for a refused login
     */
    public static boolean isLoginRefusal(@Nullable String state) {
        return state != null && (state.startsWith("28") || "08004".equals(state));
    }

    /**
     * Translates a failure of {@code COMMIT}, or of a write sent in auto-commit mode: when the connection was lost
     * after the statement went out, the outcome is unknown ({@link CommitOutcomeUnknownException}, not
     * retryable); a server error (a deferred constraint, a serialization failure at commit) or a connection
     * known to be closed before sending keeps its usual type.
     *
     * @param failure what {@code commit()} or the write threw
     * @return the matching exception
     */
    public static DatabaseException translateCommitFailure(Throwable failure) {
        SQLException sql = failure instanceof CommitOutcomeUnknownException ? null : findSqlException(failure);
        if (sql == null || neverSent(failure) || !connectionLost(sql)) {
            return translate(failure);
        }
        String state = sql.getSQLState();
        String message = "Connection lost after the commit was sent: the transaction may or may not have committed ("
                + message(sql, sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null, state) + ")";
        return new CommitOutcomeUnknownException(message, state, sanitized(sql, message));
    }

    /** A pool that could not lend a connection sent nothing at all. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether a failure means the connection died while a statement was in flight: the server may have run it.
     * {@code 08003} is excluded: the driver raises it for a connection it already knew was closed, before
     * sending anything.
     */
    private static boolean connectionLost(SQLException sql) {
        String state = sql.getSQLState();
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            // The server answered. A plain ERROR leaves the connection alive: the statement failed, nothing
            // committed. Only a FATAL (the backend terminated, for example by pg_terminate_backend) loses it.
            ServerErrorMessage server = psql.getServerErrorMessage();
            return "FATAL".equalsIgnoreCase(server.getSeverity()) || "PANIC".equalsIgnoreCase(server.getSeverity())
                    || "ProcessInterrupts".equals(server.getRoutine());
        }
        if (state != null) {
            return state.startsWith("08") && !"08003".equals(state) && !"08001".equals(state)
                    && !"08004".equals(state) || "57P01".equals(state) || "57P02".equals(state)
                    || "57P03".equals(state);
        }
        for (Throwable t = sql; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static DatabaseException byClass(String message, String state, @Nullable String constraint,
            @Nullable String table, @Nullable String column, SQLException cause) {
        if (state.startsWith("23")) {
            return new ConstraintViolationException(message, state, constraint, table, column, cause);
        }
        if (state.startsWith("22")) {
            return new InvalidInputException(message, state, cause);
        }
        if (state.startsWith("08")) {
            return new UnavailableException(message, state, cause);
        }
        return new UnclassifiedDatabaseException(message, state, cause);
    }

    private static String message(SQLException sql, @Nullable ServerErrorMessage server, @Nullable String state) {
        String text = server != null && server.getMessage() != null ? server.getMessage() : firstLine(sql.getMessage());
        if (state != null && state.startsWith("22")) {
            text = QUOTED_VALUE.matcher(text).replaceFirst(": (value redacted)");
        }
        return state == null ? text : text + " [SQLSTATE " + state + "]";
    }

    private static SQLException sanitized(SQLException original, String message) {
        SQLException copy = new SQLException(message, original.getSQLState(), original.getErrorCode());
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }

    private static @Nullable SQLException findSqlException(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
                // The driver's own exception (with the server message) sits deepest; keep walking.
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (found instanceof BatchUpdateException batch && batch.getNextException() != null) {
            return batch.getNextException();
        }
        return found;
    }

    private static String firstLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "database error";
        }
        return text.lines().findFirst().orElse(text).strip();
    }
}
