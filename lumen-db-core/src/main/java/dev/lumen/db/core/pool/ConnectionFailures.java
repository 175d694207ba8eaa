package dev.lumen.db.core.pool;

import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.PostgresUrl;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.error.ConnectionFailedException.Reason;
import dev.lumen.db.core.error.SqlStateTranslator;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

/** Turns a failed first connection into one line that names the server, the user and the problem. */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /**
     * Classifies a start-up failure.
     *
     * @param failure    what the pool or driver threw
     * @param connection the configuration used (for the server and user in the message)
     * @return the exception to throw
     */
    public static ConnectionFailedException classify(Throwable failure, ConnectionConfig connection) {
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        String server = PostgresUrl.parse(connection.url()).server();
        String prefix = "Cannot connect to PostgreSQL at " + server + " as " + connection.user() + ": ";
        Reason reason;
        String why;
        if (find(failure, UnknownHostException.class) != null) {
            reason = Reason.UNREACHABLE;
            why = "unknown host " + find(failure, UnknownHostException.class).getMessage();
        } else if (find(failure, SSLException.class) != null || state != null && state.startsWith("08") && mentionsTls(sql)) {
            reason = Reason.TLS;
            why = "TLS failed (" + serverMessage(sql, failure) + "); check lumen.db.ssl.mode and lumen.db.ssl.root-cert";
        } else if (SqlStateTranslator.isLoginRefusal(state)) {
            reason = Reason.AUTHENTICATION;
            why = "08004".equals(state) && String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT)
                    .contains("no password")
                    ? "the server asks for a password and none was given; set lumen.db.password (or LUMEN_DB_PASSWORD)"
                    : "the server refused the user or password (" + serverMessage(sql, failure) + ")";
        } else if ("3D000".equals(state)) {
            reason = Reason.DATABASE_MISSING;
            why = serverMessage(sql, failure);
        } else if (find(failure, ConnectException.class) != null || find(failure, SocketTimeoutException.class) != null
                || state != null && state.startsWith("08")) {
            reason = Reason.UNREACHABLE;
            why = "connection refused or timed out; check that the server is running and the host and port are right";
        } else {
            reason = Reason.OTHER;
            why = serverMessage(sql, failure);
        }
        return new ConnectionFailedException(PostgresUrl.mask(prefix + why), reason, state, sanitized(sql));
    }

    /** pgjdbc reports TLS trouble (no TLS on the server, a host name the certificate does not name) as 08xxx text. */
    private static boolean mentionsTls(@Nullable SQLException sql) {
        if (sql == null || sql.getMessage() == null) {
            return false;
        }
        String message = sql.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("ssl") || message.contains("certificate") || message.contains("hostnameverifier")
                || message.contains("could not be verified");
    }

    private static String serverMessage(@Nullable SQLException sql, Throwable failure) {
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        String message = sql != null ? sql.getMessage() : failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message).strip();
    }

    private static @Nullable SQLException sanitized(@Nullable SQLException sql) {
        if (sql == null) {
            return null;
        }
        SQLException copy = new SQLException(PostgresUrl.mask(String.valueOf(sql.getMessage()).lines().findFirst()
                .orElse("")), sql.getSQLState(), sql.getErrorCode());
        copy.setStackTrace(sql.getStackTrace());
        return copy;
    }

    private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
