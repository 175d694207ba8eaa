package dev.lumen.db.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** PostgreSQL from the zonky binaries, tuned for throwaway data (no fsync), one per JVM. */
final class EmbeddedTestServer implements TestServer {

    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedTestServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedTestServer start() {
        try {
            Path serverLog = Files.createTempFile("lumen-db-test-postgres", ".log");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(Redirect.appendTo(serverLog.toFile()))
                    .start();
            return new EmbeddedTestServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    @Override
    public DataSource admin() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public DataSource database(String name) {
        return postgres.getDatabase(SUPERUSER, name);
    }

    @Override
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    @Override
    public String user() {
        return SUPERUSER;
    }

    @Override
    public @Nullable String password() {
        return null;
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
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
        }
    }
}
