package dev.lumen.db.core.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds {@code U<version>__<name>.sql} beside {@code V<version>__<name>.sql} (and any script by name) in the configured locations. */
final class UndoScripts {

    private final List<String> locations;
    private final ClassLoader classLoader;

    UndoScripts(List<String> locations, ClassLoader classLoader) {
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
    }

    /**
     * The undo script's name for a migration script.
     *
     * @param migrationScript for example {@code V20261127100000__create_users.sql}
     * @return {@code U20261127100000__create_users.sql}, or empty for scripts that are not versioned migrations
     */
    static Optional<String> nameFor(String migrationScript) {
        String fileName = Path.of(migrationScript).getFileName().toString();
        return fileName.startsWith("V") ? Optional.of("U" + fileName.substring(1)) : Optional.empty();
    }

    /**
     * The text of the undo script for a migration script.
     *
     * @param migrationScript the V script's file name
     * @return the undo script's SQL, if it exists
     */
    Optional<String> find(String migrationScript) {
        return nameFor(migrationScript).flatMap(this::script);
    }

    /**
     * The text of any script in the locations, by file name.
     *
     * @param fileName for example {@code V1__a.sql}; folders in front are ignored
     * @return its SQL, if found
     */
    Optional<String> script(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        for (String location : locations) {
            Optional<String> text = location.startsWith("classpath:")
                    ? fromClasspath(location.substring("classpath:".length()), fileName)
                    : fromFilesystem(location.substring("filesystem:".length()), name);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private Optional<String> fromClasspath(String folder, String name) {
        String path = folder.isEmpty() ? name : folder.replaceAll("^/+|/+$", "") + "/" + name;
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static Optional<String> fromFilesystem(String folder, String name) {
        try (var files = Files.walk(Path.of(folder))) {
            Optional<Path> match = files.filter(p -> p.getFileName().toString().equals(name)).findFirst();
            if (match.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(match.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
