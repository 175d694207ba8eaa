package dev.lumen.db.maven;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Finds PostgreSQL's own words in an exception chain, for one-line build errors. */
final class PostgresErrors {

    private PostgresErrors() {
    }

    /**
     * The server's error report inside {@code failure}, if the failure came from the server.
     *
     * @param failure any exception
     * @return the server message, or {@code null}
     */
    static @Nullable ServerErrorMessage serverMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }

    /**
     * One line: the server's severity, message and SQLSTATE when known, else the deepest SQL exception's message.
     *
     * @param failure any exception
     * @return a readable description without secrets
     */
    static String describe(Throwable failure) {
        ServerErrorMessage server = serverMessage(failure);
        if (server != null) {
            return server.getSeverity() + ": " + server.getMessage() + " (SQLSTATE " + server.getSQLState() + ")";
        }
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                sql = e;
            }
        }
        Throwable source = sql != null ? sql : failure;
        String message = String.valueOf(source.getMessage()).lines().findFirst().orElse("");
        return sql != null && sql.getSQLState() != null ? message + " (SQLSTATE " + sql.getSQLState() + ")" : message;
    }
}
