package dev.lumen.db.core.migrate;

import java.nio.file.Path;

/**
 * The pair of files {@link Migrator#create(String)} wrote.
 *
 * @param version   the timestamp version
 * @param migration the {@code V<version>__<name>.sql} file
 * @param undo      the {@code U<version>__<name>.sql} file
 */
public record NewMigration(String version, Path migration, Path undo) {
}
