package dev.lumen.db.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The demo's throwaway folders ({@code lumen-db-demo-*} in the temp folder). A demo deletes its own on exit, Ctrl-C
 * included; one that was killed outright leaves its folder (and maybe its server) behind, so every demo first
 * removes the folders whose lock no live process holds.
 */
final class DemoFolders {

    /** Prefix of the demo folders. */
    static final String PREFIX = "lumen-db-demo-";

    /** A folder without a lock file is one being created, unless it is older than this. */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(10);

    private DemoFolders() {
    }

    /**
     * Removes what dead demos left, then creates a fresh folder.
     *
     * @return the new folder and how many stale ones were removed
     */
    static Created create() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        int removed = removeStale(temp);
        try {
            return new Created(Files.createTempDirectory(temp, PREFIX), removed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new demo folder, and the number of stale ones removed before it was made. */
    record Created(Path folder, int staleRemoved) {
    }

    static int removeStale(Path temp) {
        int removed = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && removeIfStale(folder.toAbsolutePath().normalize())) {
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Cleaning up after others is best effort; this demo runs in a folder of its own either way.
        }
        return removed;
    }

    private static boolean removeIfStale(Path folder) throws IOException {
        if (!Files.exists(folder.resolve(DataFolderLock.FILE))) {
            if (Files.getLastModifiedTime(folder).toInstant().isAfter(Instant.now().minus(UNLOCKED_GRACE))
                    || !PostgresProcesses.on(folder.resolve("data")).isEmpty()) {
                return false;
            }
            DevDatabase.deleteTree(folder);
            return true;
        }
        Optional<DataFolderLock> lock = DataFolderLock.tryAcquire(folder);
        if (lock.isEmpty()) {
            return false; // a running demo
        }
        try (DataFolderLock held = lock.get()) {
            if (!PostgresProcesses.stop(PostgresProcesses.on(folder.resolve("data")), Duration.ofSeconds(10))
                    .isEmpty()) {
                return false;
            }
        }
        DevDatabase.deleteTree(folder);
        return true;
    }
}
