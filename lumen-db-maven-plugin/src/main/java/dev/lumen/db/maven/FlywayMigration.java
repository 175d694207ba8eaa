package dev.lumen.db.maven;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.ServerErrorMessage;

/**
 * Applies the migrations folder with Flyway, configured as lumen-db's runtime configures it, and turns a
 * failure into one message naming the file, the line and PostgreSQL's own words.
 */
final class FlywayMigration {

    private FlywayMigration() {
    }

    /**
     * Migrates the database to the newest version.
     *
     * @param dataSource the throwaway database
     * @param migrations the migrations folder
     * @return how many migrations were applied
     */
    static int migrate(DataSource dataSource, Path migrations) {
        FluentConfiguration configuration = Flyway.configure(FlywayMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("filesystem:" + migrations.toAbsolutePath())
                .cleanDisabled(true)
                // Through Maven's own logger, so -q and log levels apply (Flyway would pick java.util.logging here).
                .loggers("slf4j")
                .validateMigrationNaming(false)
                .failOnMissingLocations(true);
        // As at run time: the transactional advisory lock is off so that a CREATE INDEX CONCURRENTLY migration
        // does not wait forever on Flyway's own open transaction.
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        Flyway flyway = configuration.load();
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new SchemaGenerationException(describe(e, migrations), e);
        }
    }

    /**
     * Builds "Migration V1__x.sql failed at line 3: ERROR: syntax error at or near "TABL" (SQLSTATE 42601)".
     *
     * @param failure    what Flyway threw
     * @param migrations the migrations folder, to print the file's path
     * @return the message
     */
    static String describe(FlywayException failure, Path migrations) {
        String script = null;
        int statementLine = -1;
        String statement = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FlywayMigrateException migrate && migrate.getMigration() != null && script == null) {
                script = migrate.getMigration().getScript();
            }
            if (t instanceof FlywaySqlScriptException sqlScript) {
                if (sqlScript.getResource() != null && script == null) {
                    script = sqlScript.getResource().getFilename();
                }
                statementLine = sqlScript.getLineNumber();
                statement = sqlScript.getStatement();
            }
        }
        ServerErrorMessage server = PostgresErrors.serverMessage(failure);
        if (script == null) {
            return "Flyway could not migrate " + migrations + ": " + PostgresErrors.describe(failure);
        }
        StringBuilder message = new StringBuilder("Migration ").append(script).append(" failed");
        int line = errorLine(statementLine, statement, server);
        if (line > 0) {
            message.append(" at line ").append(line);
        }
        message.append(": ").append(PostgresErrors.describe(failure));
        if (server != null && server.getHint() != null) {
            message.append(" Hint: ").append(server.getHint());
        }
        message.append(" [").append(migrations.resolve(script).toAbsolutePath().normalize()).append(']');
        return message.toString();
    }

    /** The file line of the error: the statement's first line plus the lines before the server's position. */
    private static int errorLine(int statementLine, @Nullable String statement, @Nullable ServerErrorMessage server) {
        if (statementLine <= 0) {
            return -1;
        }
        if (statement == null || server == null || server.getPosition() <= 0) {
            return statementLine;
        }
        int position = Math.min(server.getPosition() - 1, statement.length());
        return statementLine + (int) statement.substring(0, position).chars().filter(c -> c == '\n').count();
    }
}
