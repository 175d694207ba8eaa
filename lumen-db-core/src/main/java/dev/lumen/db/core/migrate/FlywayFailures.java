package dev.lumen.db.core.migrate;

import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.error.UnavailableException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What failed in a Flyway run, in one line: the script, the line in the file, PostgreSQL's primary message and
 * SQLSTATE. No DETAIL lines and no statement text, which can carry data.
 *
 * @param version  the failing migration's version, if known
 * @param script   its file name, if known
 * @param sqlState the SQLSTATE, if the server reported one
 * @param message  the one-line description
 */
record FlywayFailures(@Nullable String version, @Nullable String script, @Nullable String sqlState, String message) {

    static FlywayFailures describe(FlywayException failure) {
        String script = null;
        String version = null;
        int statementLine = -1;
        String statement = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FlywayMigrateException migrate && migrate.getMigration() != null && script == null) {
                script = migrate.getMigration().getScript();
                version = migrate.getMigration().getVersion() == null ? null
                        : migrate.getMigration().getVersion().getVersion();
            }
            if (t instanceof FlywaySqlScriptException sqlScript) {
                if (script == null && sqlScript.getResource() != null) {
                    script = sqlScript.getResource().getFilename();
                }
                statementLine = sqlScript.getLineNumber();
                statement = sqlScript.getStatement();
            }
        }
        ServerErrorMessage server = serverMessage(failure);
        String lost = server == null ? connectionLost(failure) : null;
        String sqlState = server != null ? server.getSQLState() : lost != null ? CONNECTION_LOST : null;
        if (script == null) {
            String first = lost != null ? lost
                    : String.valueOf(failure.getMessage()).strip().lines().findFirst().orElse("Flyway failed");
            return new FlywayFailures(null, null, sqlState, first);
        }
        StringBuilder message = new StringBuilder("Migration ").append(script).append(" failed");
        int line = line(statementLine, statement, server);
        if (line > 0) {
            message.append(" at line ").append(line);
        }
        message.append(": ");
        if (server != null) {
            message.append(server.getSeverity()).append(": ").append(server.getMessage())
                    .append(" (SQLSTATE ").append(server.getSQLState()).append(')');
        } else if (lost != null) {
            // No answer came back: nothing was committed, and PostgreSQL rolls the transaction back once it
            // notices the connection is gone.
            return new FlywayFailures(version, script, sqlState, message.append(lost)
                    .append("; the server rolls its transaction back").toString());
        } else {
            message.append(String.valueOf(failure.getMessage()).strip().lines().findFirst().orElse(""));
        }
        message.append("; its transaction was rolled back");
        return new FlywayFailures(version, script, sqlState, message.toString());
    }

    /** SQLSTATE of a connection that failed while a statement was under way (pgjdbc's CONNECTION_FAILURE). */
    static final String CONNECTION_LOST = "08006";

    /**
     * Whether the failure is a lost connection rather than an error the server reported.
     *
     * @return {@code true} for SQLSTATE class 08
     */
    boolean connectionLost() {
        return sqlState != null && sqlState.startsWith("08");
    }

    /**
     * This failure as the migrator's exception: a lost or failed connection carries an {@link UnavailableException}
     * as its cause (so the command exits "unreachable", not "migration failed"); nothing else carries Flyway's
     * exception, whose messages can quote statements.
     *
     * @param prefix what was being done, e.g. {@code "Cannot read the migration status: "}
     * @return the exception
     */
    MigrationException toException(String prefix) {
        String text = prefix.isEmpty() ? Character.toUpperCase(message.charAt(0)) + message.substring(1)
                : prefix + message;
        return new MigrationException(text, version, script,
                connectionLost() ? new UnavailableException(text, sqlState, null) : null);
    }

    /** How the connection failed (pgjdbc's SQLSTATE class 08 but 08004, a refusal), or null when it did not. */
    private static @Nullable String connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    && !sql.getSQLState().equals("08004")) {
                Throwable reason = sql.getCause();
                String why = reason instanceof SocketTimeoutException ? "no answer in time"
                        : reason != null && reason.getMessage() != null
                                ? reason.getMessage().strip().lines().findFirst().orElse("I/O error") : "I/O error";
                return sql.getSQLState().equals("08001") ? "could not connect to PostgreSQL (" + why + ")"
                        : "the connection to PostgreSQL was lost (" + why + ")";
            }
        }
        return null;
    }

    private static @Nullable ServerErrorMessage serverMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }

    private static int line(int statementLine, @Nullable String statement, @Nullable ServerErrorMessage server) {
        if (statementLine <= 0 || statement == null || server == null || server.getPosition() <= 0) {
            return statementLine;
        }
        int position = Math.min(server.getPosition() - 1, statement.length());
        return statementLine + (int) statement.substring(0, position).chars().filter(c -> c == '\n').count();
    }
}
