package dev.lumen.db.cli;

import dev.lumen.db.core.config.Environment;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a command connects. Precedence: {@code --url}, then {@code --env} (or {@code LUMEN_DB_URL} in the
 * environment), then the embedded development database in {@code --data-dir}.
 */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "JDBC URL (jdbc:postgresql://host:5432/db) or postgres:// URI of the server.")
    @Nullable String url;

    @Option(names = "--user", paramLabel = "NAME", description = "Database user (default: from the URL or the profile).")
    @Nullable String user;

    @Option(names = "--password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
            description = "Ask for the password at a prompt (never pass it on the command line).")
    char @Nullable [] password;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "LUMEN_DB_PASSWORD",
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordVariable = "LUMEN_DB_PASSWORD";

    @Option(names = "--env", paramLabel = "ENV", converter = EnvironmentConverter.class,
            description = "Use a configuration profile (dev, test, prod) read from LUMEN_DB_* variables, system"
                    + " properties and lumen.db.config-file, as the runtime does.")
    @Nullable Environment environment;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".lumen-db/dev-db",
            description = "Folder of the embedded development database used when no connection is given"
                    + " (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of(".lumen-db/dev-db");

    @Option(names = "--migrations", paramLabel = "DIR",
            description = "Folder of V/U migration scripts (default: ./migrations when it exists, else the ones"
                    + " packaged with lumen-db).")
    @Nullable Path migrations;

    /** Converts {@code dev|test|prod}. */
    static final class EnvironmentConverter implements picocli.CommandLine.ITypeConverter<Environment> {
        @Override
        public Environment convert(String value) {
            return Environment.parse(value);
        }
    }
}
