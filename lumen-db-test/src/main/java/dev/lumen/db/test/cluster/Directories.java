package dev.lumen.db.test.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where cluster data lives: {@code <base>/lumen-db-cluster/jvm-<pid>-<random>/}, one folder per JVM (see
 * {@link #base()}).
 * Folders of JVMs that are gone (killed before their shutdown hook ran) are deleted the next time a JVM starts a
 * cluster, so a crashed run leaves nothing behind for long.
 */
final class Directories {

    /** System property naming the folder under which cluster data goes. */
    static final String BASE_PROPERTY = "lumen.db.test.cluster.dir";

    private static final Object LOCK = new Object();
    private static @Nullable Path jvmRoot;

    private Directories() {
    }

    /**
     * A new, empty folder of this JVM, readable by other users (PgBouncer drops root for an unprivileged user).
     *
     * @param prefix the name's start
     * @return the folder
     */
    static Path create(String prefix) {
        try {
            Path folder = root().resolve(prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
            Files.createDirectories(folder);
            openUp(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() throws IOException {
        synchronized (LOCK) {
            if (jvmRoot == null) {
                Path base = base().resolve("lumen-db-cluster");
                Files.createDirectories(base);
                openUp(base);
                sweepStale(base);
                long pid = ProcessHandle.current().pid();
                Path own = base.resolve("jvm-" + pid + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
                Files.createDirectories(own);
                openUp(own);
                jvmRoot = own;
                Path delete = own;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    // Runs after the processes are stopped (Processes' hook stops them first and waits).
                    Processes.stopAll();
                    delete(delete);
                }, "lumen-db-cluster-cleanup"));
            }
            return jvmRoot;
        }
    }

    /**
     * {@code lumen.db.test.cluster.dir} when set; else {@code /dev/shm} when it has room (memory-backed: copying
     * data directories, the main start-up cost, does not wait for a busy disk); else {@code java.io.tmpdir}.
     */
    private static Path base() {
        String configured = System.getProperty(BASE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > 2L << 30) {
                return shm;
            }
        } catch (IOException e) {
            // Fall back to the temp folder.
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void sweepStale(Path base) {
        try (Stream<Path> folders = Files.list(base)) {
            folders.filter(Files::isDirectory).forEach(folder -> {
                String[] parts = folder.getFileName().toString().split("-");
                if (parts.length == 3 && parts[0].equals("jvm")) {
                    try {
                        long pid = Long.parseLong(parts[1]);
                        if (ProcessHandle.of(pid).isEmpty()) {
                            delete(folder);
                        }
                    } catch (NumberFormatException e) {
                        // Not one of ours.
                    }
                }
            });
        } catch (IOException e) {
            // Leftovers in the temp folder are harmless.
        }
    }

    static void openUp(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to open up.
        }
    }

    /**
     * Deletes a folder and everything in it; missing files are fine.
     *
     * @param folder the folder
     */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Best effort.
                }
            });
        } catch (NoSuchFileException e) {
            // Gone already.
        } catch (IOException | UncheckedIOException e) {
            // Best effort: the stale sweep of a later JVM retries.
        }
    }
}
