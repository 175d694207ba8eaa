package dev.lumen.db.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An embedded PostgreSQL started on demand and stopped when the command ends: persistent in a project folder
 * for {@code migrate} and {@code health}, throwaway for {@code demo}.
 *
 * <p>The folder is locked ({@link DataFolderLock}) before anything runs, so commands on one folder take turns
 * instead of racing in {@code initdb}. The shutdown hook is registered before the server is started, so Ctrl-C at any
 * moment (during {@code initdb}, while the server starts, while the command runs) stops what was started. What a
 * killed command left behind (a server, a stale {@code postmaster.pid}, a cluster whose {@code initdb} never
 * finished) is found and cleared in seconds by the next command, which holds the lock and so knows nobody else
 * uses them.
 */
final class DevDatabase implements AutoCloseable {

    /** Superuser of the embedded cluster (trust authentication, local connections only). */
    static final String USER = "postgres";
    /** Database the commands use. */
    static final String DATABASE = "postgres";

    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(120);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    /** The embedded server could not start. */
    static final class StartFailure extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        StartFailure(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    private final Path directory;
    private final Path data;
    private final Path log;
    private final boolean throwaway;
    private final DataFolderLock lock;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable EmbeddedPostgres postgres;

    private DevDatabase(Path directory, boolean throwaway, DataFolderLock lock) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.throwaway = throwaway;
        this.lock = lock;
        this.shutdownHook = new Thread(this::stopQuietly, "lumen-db-dev-database-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server whose data lives in {@code directory}; existing data is kept.
     *
     * @param directory the folder (created if missing)
     * @param fresh     a throwaway server: start from an empty cluster and delete the whole folder on close
     * @param progress  where to show progress
     * @return the running server
     */
    static DevDatabase start(Path directory, boolean fresh, PrintWriter progress) {
        Path folder = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StartFailure("Cannot create " + folder + ": " + e.getMessage(), e);
        }
        DevDatabase dev = new DevDatabase(folder, fresh, DataFolderLock.acquire(folder, LOCK_PATIENCE, progress));
        try {
            dev.boot(progress);
            return dev;
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    private void boot(PrintWriter progress) {
        reclaimLeftovers(progress);
        Thread dots = progressDots(progress);
        long started = System.nanoTime();
        StartWatch watch = StartWatch.on(log, Thread.currentThread());
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(throwaway)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .setRegisterShutdownHook(false)
                    .start();
            postgres = server;
            watch.close();
            String failure = watch.failure();
            if (Thread.interrupted() || failure != null || closed.get()) {
                throw new StartFailure(failure != null ? "PostgreSQL did not start: " + failure
                        : "Interrupted while starting the embedded PostgreSQL", null);
            }
            stopDots(dots);
            progress.printf(" ready in %.1f s (PostgreSQL on port %d)%n", (System.nanoTime() - started) / 1e9,
                    server.getPort());
            progress.flush();
        } catch (IOException | RuntimeException e) {
            watch.close();
            Thread.interrupted();
            stopDots(dots);
            progress.println(" failed");
            if (closed.get()) {
                throw new StartFailure("Interrupted: the embedded PostgreSQL in " + directory + " was stopped", e);
            }
            if (e instanceof StartFailure failure) {
                throw new StartFailure(prefix() + failure.getMessage() + "; server log: " + log, e);
            }
            String cause = watch.failure() != null ? watch.failure() : e.getMessage();
            throw new StartFailure(prefix() + cause + "; server log: " + log, e);
        }
    }

    private String prefix() {
        return "Could not start the embedded PostgreSQL in " + directory + ": ";
    }

    /**
     * Clears what an interrupted or killed command left in the folder. Holding the lock, this command knows that
     * no other lumen-db command uses the folder, so any server on it is an orphan.
     */
    private void reclaimLeftovers(PrintWriter progress) {
        List<ProcessHandle> left = PostgresProcesses.on(data);
        if (!left.isEmpty()) {
            String pids = left.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
            long started = System.nanoTime();
            List<ProcessHandle> alive = PostgresProcesses.stop(left, STOP_PATIENCE);
            if (!alive.isEmpty()) {
                throw new StartFailure(prefix() + "a PostgreSQL left running on it (pid " + pids + ") does not stop;"
                        + " stop it (kill -INT " + alive.getFirst().pid() + ") and try again", null);
            }
            progress.println();
            progress.printf("  stopped a PostgreSQL (pid %s) left running on it by an interrupted command, in %.1f s%n",
                    pids, (System.nanoTime() - started) / 1e9);
            progress.flush();
        }
        try {
            // Its server is gone: a stale pid file would make PostgreSQL refuse to start when the pid is reused.
            Files.deleteIfExists(data.resolve("postmaster.pid"));
            // A cluster that was never started (initdb interrupted) holds no data and may be half-made: start over.
            if (!throwaway && Files.isDirectory(data) && !Files.exists(data.resolve("postmaster.opts"))
                    && !isEmpty(data)) {
                deleteTree(data);
                progress.println();
                progress.println("  removed an unfinished cluster (its first start was interrupted); creating it again");
                progress.flush();
            }
        } catch (IOException e) {
            throw new StartFailure(prefix() + "cannot clear " + data + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static Thread progressDots(PrintWriter progress) {
        Thread dots = Thread.ofVirtual().unstarted(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(400);
                    progress.print('.');
                    progress.flush();
                }
            } catch (InterruptedException e) {
                // Done: the server is up (or failed).
            }
        });
        dots.start();
        return dots;
    }

    private static void stopDots(Thread dots) {
        dots.interrupt();
        try {
            dots.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JDBC URL of the commands' database. */
    String jdbcUrl() {
        EmbeddedPostgres server = postgres;
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook does the same work.
        }
    }

    /**
     * Stops the server, also half-way through its start (the hook runs while {@link #boot} may still be in
     * zonky's start): pg_ctl's fast stop when the server is up, then signals for whatever still runs on the folder
     * ({@code initdb}, {@code pg_ctl}, a postmaster not yet answering).
     */
    private void stopQuietly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            EmbeddedPostgres server = postgres;
            if (server != null) {
                try {
                    server.close();
                } catch (IOException | RuntimeException e) {
                    // The signals below finish the job.
                }
            }
            // A process the start had not yet spawned when the hook looked appears a moment later: look twice.
            for (int look = 0; look < 3; look++) {
                List<ProcessHandle> left = PostgresProcesses.on(data);
                if (!left.isEmpty()) {
                    PostgresProcesses.stop(left, STOP_PATIENCE);
                } else if (look > 0) {
                    break;
                }
                sleep(100);
            }
        } finally {
            lock.close();
            if (throwaway) {
                deleteThrowaway();
            }
        }
    }

    /**
     * Deletes the throwaway folder. On Ctrl-C this runs beside zonky's own shutdown hook, which stops the server and
     * deletes the data folder too, so files appear and vanish under the walk: try again for a moment.
     */
    private void deleteThrowaway() {
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                deleteTree(directory);
                return;
            } catch (IOException | UncheckedIOException e) {
                sleep(100);
            }
        }
        // Still there after 3 s: the next demo removes folders left by dead ones.
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a folder and everything in it. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
