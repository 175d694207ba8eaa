package dev.lumen.db.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serial;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedded PostgreSQL started on demand and stopped when the command ends: persistent in a project folder
 * for {@code migrate} and {@code health}, throwaway for {@code demo}.
 */
final class DevDatabase implements AutoCloseable {

    /** Superuser of the embedded cluster (trust authentication, local connections only). */
    static final String USER = "postgres";
    /** Database the commands use. */
    static final String DATABASE = "postgres";

    /** The embedded server could not start. */
    static final class StartFailure extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EmbeddedPostgres postgres;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.shutdownHook = new Thread(this::stopQuietly, "lumen-db-dev-database-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server whose data lives in {@code directory}; existing data is kept.
     *
     * @param directory the folder (created if missing)
     * @param fresh     start from an empty cluster and delete it on close
     * @param progress  where to show progress
     * @return the running server
     */
    static DevDatabase start(Path directory, boolean fresh, PrintWriter progress) {
        Path data = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        Thread dots = progressDots(progress);
        long started = System.nanoTime();
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(fresh)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .setRegisterShutdownHook(false)
                    .start();
            dots.interrupt();
            dots.join();
            progress.printf(" ready in %.1f s (PostgreSQL on port %d)%n", (System.nanoTime() - started) / 1e9,
                    postgres.getPort());
            progress.flush();
            return new DevDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            dots.interrupt();
            progress.println(" failed");
            throw new StartFailure("Could not start the embedded PostgreSQL in " + directory + ": " + e.getMessage()
                    + (Files.exists(data.resolve("epg-lock")) ? " (is another lumen-db command using it?)" : "")
                    + "; server log: " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("Interrupted while starting the embedded PostgreSQL", e);
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

    /** JDBC URL of the commands' database. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
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

    private void stopQuietly() {
        if (closed.compareAndSet(false, true)) {
            try {
                postgres.close();
            } catch (IOException e) {
                // Stopping is best effort at exit; pg_ctl reports problems in the server log.
            }
        }
    }
}
