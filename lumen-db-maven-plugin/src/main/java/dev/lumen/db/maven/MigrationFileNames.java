package dev.lumen.db.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks migration file names before any database starts. Flyway's own naming validation cannot be used: it
 * rejects the {@code U<version>__<name>.sql} undo scripts that lumen-db keeps beside the migrations, and without
 * it a misspelt name would be skipped silently.
 */
final class MigrationFileNames {

    /** {@code V20261127100000__create_users.sql}, {@code U...} for undo, {@code R__...} for repeatable. */
    static final Pattern VALID = Pattern.compile("(?:[VU]\\d+(?:[._]\\d+)*|R)__\\w[\\w.-]*\\.sql");

    private MigrationFileNames() {
    }

    /**
     * Throws when any file's name is not a migration, undo or repeatable script name.
     *
     * @param files the SQL files of the migrations folder
     */
    static void check(List<Path> files) {
        List<String> invalid = files.stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> !VALID.matcher(name).matches())
                .toList();
        if (!invalid.isEmpty()) {
            throw new SchemaGenerationException("Not a migration file name: " + String.join(", ", invalid)
                    + ". Use V<version>__<name>.sql for migrations and U<version>__<name>.sql for their undo scripts"
                    + " (for example V20261127100000__create_users.sql).");
        }
    }
}
