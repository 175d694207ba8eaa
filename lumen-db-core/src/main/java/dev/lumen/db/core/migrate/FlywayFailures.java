package dev.lumen.db.core.migrate;

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
        String sqlState = server == null ? null : server.getSQLState();
        if (script == null) {
            String first = String.valueOf(failure.getMessage()).strip().lines().findFirst().orElse("Flyway failed");
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
        } else {
            message.append(String.valueOf(failure.getMessage()).strip().lines().findFirst().orElse(""));
        }
        message.append("; its transaction was rolled back");
        return new FlywayFailures(version, script, sqlState, message.toString());
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
