package dev.lumen.db.core.migrate;

import dev.lumen.db.core.error.MigrationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Writes a new timestamped migration and its undo script. */
final class MigrationFiles {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_]{0,99}");

    private MigrationFiles() {
    }

    /**
     * Normalizes a migration name: lower case, spaces and dashes become underscores.
     *
     * @param name what the user typed
     * @return the file-name part
     * @throws MigrationException when the name has other characters or is empty
     */
    static String normalize(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        if (!NAME.matcher(normalized).matches()) {
            throw new MigrationException("Migration name '" + name + "' must be letters, digits, spaces, dashes or"
                    + " underscores (at most 100), for example add_orders_table");
        }
        return normalized;
    }

    static NewMigration create(Path directory, String name, Clock clock) {
        String normalized = normalize(name);
        try {
            Files.createDirectories(directory);
            LocalDateTime time = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).withNano(0);
            for (int tries = 0; tries < 60; tries++, time = time.plusSeconds(1)) {
                String version = VERSION.format(time);
                if (versionTaken(directory, version)) {
                    continue;
                }
                Path migration = directory.resolve("V" + version + "__" + normalized + ".sql");
                Path undo = directory.resolve("U" + version + "__" + normalized + ".sql");
                write(migration, "-- Migration " + version + ": " + normalized + "\n"
                        + "-- Runs in one transaction. Keep statements that take strong locks short, and\n"
                        + "-- use CREATE INDEX CONCURRENTLY (alone in its file) for indexes on existing tables.\n\n");
                write(undo, "-- Undo of V" + version + "__" + normalized + ".sql: restore the schema exactly as before it.\n\n");
                return new NewMigration(version, migration, undo);
            }
            throw new MigrationException("No free migration version in the next minute in " + directory);
        } catch (IOException e) {
            throw new MigrationException("Cannot write the new migration into " + directory + ": " + e.getMessage(),
                    null, null, e);
        }
    }

    private static boolean versionTaken(Path directory, String version) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(f -> f.startsWith("V" + version + "__") || f.startsWith("U" + version + "__"));
        }
    }

    private static void write(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new MigrationException("Refusing to overwrite " + file);
        }
    }
}
