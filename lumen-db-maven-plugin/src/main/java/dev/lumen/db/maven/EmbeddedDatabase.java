package dev.lumen.db.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/** PostgreSQL from the zonky binaries on Maven Central, in a fresh data directory under the build folder. */
final class EmbeddedDatabase implements ThrowawayDatabase {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedDatabase start(Path workDirectory, BuildLog log) {
        Path dataDirectory = workDirectory.resolve("pgdata-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Path serverLog = workDirectory.resolve("postgres.log");
        try {
            Files.createDirectories(workDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(Redirect.appendTo(serverLog.toFile()))
                    .start();
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException | RuntimeException e) {
            throw new SchemaGenerationException("Could not start the embedded PostgreSQL (server log: " + serverLog
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on port " + postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL in " + dataDirectory, e);
        }
    }
}
