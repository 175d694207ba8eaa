package dev.lumen.db.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.core.migrate.UpResult;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent migrators, failed migrations and edited scripts leave the schema in a known state. */
@LumenDbTest(migrated = false)
class MigrationSafetyTest {

    @TempDir
    Path folder;

    @Test
    void whenEightMigratorsRaceOnAnEmptyDatabaseForTenRoundsThenEachVersionIsAppliedOnce(TestDatabase db)
            throws Exception {
        int rounds = Figures.SOAK ? 50 : 10;
        // core's fixture migrations (fixtures/core: 4 versions), which this database records as its own.
        DatabaseConfig config = TestConfigs.forDatabase(db);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        try {
            for (int round = 0; round < rounds; round++) {
                execute(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
                CyclicBarrier start = new CyclicBarrier(8);
                List<CompletableFuture<UpResult>> racers = IntStream.range(0, 8)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                            await(start);
                            return new Migrator(config.migrations(), config.connection()).up();
                        }, threads))
                        .toList();
                int applied = racers.stream().mapToInt(r -> r.orTimeout(60, TimeUnit.SECONDS).join().applied().size())
                        .sum();
                assertThat(applied).as("round %d", round).isEqualTo(4);
                assertThat(query(db, "SELECT count(*) || '/' || count(DISTINCT version) FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL")).isEqualTo("4/4");
            }
        } finally {
            threads.shutdownNow();
        }
        Figures.report("migration race", String.format("8 migrators x %d rounds on an empty database: every round"
                + " applied each of the 4 versions exactly once (%d ms)", rounds, (System.nanoTime() - started) / 1_000_000));
    }

    @Test
    void whenAMigrationFailsOnItsLastStatementThenPgDumpShowsTheSchemaByteForByteAsBefore() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL on 127.0.0.1:5432 for pg_dump (version 15); test skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_dump")), "pg_dump not installed; test skipped");
        String database = "lumen_dump_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try {
            Files.writeString(folder.resolve("V1__base.sql"), """
                    CREATE TABLE accounts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), owner text NOT NULL);
                    CREATE INDEX idx_accounts_owner ON accounts (owner);
                    """);
            Files.writeString(folder.resolve("V2__broken_at_the_end.sql"), """
                    ALTER TABLE accounts ADD COLUMN balance bigint NOT NULL DEFAULT 0;
                    CREATE TABLE transfers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount bigint);
                    CREATE INDEX idx_transfers_amount ON transfers (amount);
                    COMMENT ON TABLE transfers IS 'money moving';
                    ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 100);
                    INSERT INTO accounts (owner) VALUES ('breaks the check');
                    """);
            DatabaseConfig config = new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of(
                    "lumen.db.url", "jdbc:postgresql://127.0.0.1:5432/" + database, "lumen.db.user", "postgres",
                    "lumen.db.migrations.locations", "filesystem:" + folder)).load(Environment.TEST);
            Migrator migrator = new Migrator(config.migrations(), config.connection());
            Files.move(folder.resolve("V2__broken_at_the_end.sql"), folder.resolve("V2__broken_at_the_end.sql.hold"));
            migrator.up();
            String before = pgDump(database);
            Files.move(folder.resolve("V2__broken_at_the_end.sql.hold"), folder.resolve("V2__broken_at_the_end.sql"));

            assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::up)
                    .withMessageContaining("V2__broken_at_the_end.sql failed at line 6")
                    .withMessageContaining("23514");
            String after = pgDump(database);

            Figures.report("failed migration", String.format("a migration failing on its 6th and last statement left"
                    + " pg_dump --schema-only byte-for-byte equal (%d bytes before and after)",
                    before.getBytes(StandardCharsets.UTF_8).length));
            assertThat(before).contains("CREATE TABLE public.accounts").doesNotContain("transfers");
            assertThat(after).isEqualTo(before);
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                    "postgres", ""); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** The schema as pg_dump prints it; lumen-db's own failure record is bookkeeping, like Flyway's history rows. */
    private static String pgDump(String database) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("/usr/bin/pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres",
                "--schema-only", "--exclude-table=" + Migrator.FAILURES_TABLE,
                // pg_dump otherwise writes a random \restrict key into every dump.
                "--restrict-key=lumendbcompare", database)
                .redirectErrorStream(true).start();
        String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor()).as(output).isZero();
        return output;
    }

    private static String query(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
