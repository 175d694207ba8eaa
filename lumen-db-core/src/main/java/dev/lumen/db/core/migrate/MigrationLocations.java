package dev.lumen.db.core.migrate;

import dev.lumen.db.core.config.ConfigKey;
import dev.lumen.db.core.error.MigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the folders migrations are read from before Flyway scans them: Flyway only logs a warning for a
 * location that does not exist and silently skips files it cannot read as migrations, so a mistyped folder or
 * a {@code V2_x.sql} would otherwise "succeed" with nothing applied.
 */
final class MigrationLocations {

    /** The names Flyway reads (lumen-db's undo scripts included): capital prefix, version, two underscores. */
    private static final Pattern SCRIPT_NAME =
            Pattern.compile("(?:[VU]\\d+(?:[._]\\d+)*__[^/\\\\]+|R__[^/\\\\]+)\\.sql");

    private MigrationLocations() {
    }

    /**
     * Fails when a filesystem location is missing or not a folder, or holds a {@code .sql} file whose name is not a
     * migration name.
     *
     * @param locations the configured Flyway locations
     * @throws MigrationException naming the folder or the file
     */
    static void check(List<String> locations) {
        for (String location : locations) {
            if (!location.startsWith("filesystem:")) {
                continue;
            }
            Path folder = Path.of(location.substring("filesystem:".length()));
            if (!Files.exists(folder)) {
                throw new MigrationException("Migrations folder " + folder.toAbsolutePath() + " does not exist (from "
                        + ConfigKey.MIGRATIONS_LOCATIONS.property() + " or --migrations)");
            }
            if (!Files.isDirectory(folder)) {
                throw new MigrationException("Migrations location " + folder.toAbsolutePath()
                        + " is a file, not a folder: point it at the folder holding the V<version>__<name>.sql files");
            }
            try (Stream<Path> files = Files.walk(folder)) {
                Path misnamed = files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql"))
                        .filter(f -> !SCRIPT_NAME.matcher(f.getFileName().toString()).matches())
                        .sorted()
                        .findFirst()
                        .orElse(null);
                if (misnamed != null) {
                    throw new MigrationException("Migration file " + misnamed.toAbsolutePath() + " is not named like a"
                            + " migration, so Flyway would skip it: write V<version>__<description>.sql (capital V,"
                            + " two underscores), U<version>__<description>.sql for its undo script, or"
                            + " R__<description>.sql", null, misnamed.getFileName().toString(), null);
                }
            } catch (IOException e) {
                throw new MigrationException("Cannot list the migrations in " + folder.toAbsolutePath() + ": "
                        + e.getMessage());
            }
        }
    }
}
