package dev.lumen.db.bench;

import static dev.lumen.db.bench.schema.Tables.BENCH_WIDE_ROWS;

import dev.lumen.db.bench.schema.tables.pojos.BenchWideRow;
import dev.lumen.db.bench.schema.tables.records.BenchWideRowsRecord;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.repository.KeysetPage;
import dev.lumen.db.repository.KeysetRequest;
import dev.lumen.db.repository.TableRepository;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.users.UserRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * One embedded PostgreSQL 18 for a benchmark JVM: a migrated template database ({@value #TEMPLATE}), the
 * benchmark database ({@value #DATABASE}, cloned from it and seeded with {@value #USERS} users and
 * {@value #FEATURES} features by COPY, vacuumed and analysed, plus {@value #WIDE_ROWS} rows of the benchmark's own
 * wide table {@code bench_wide_rows}), and one {@link LumenDb} whose pool of
 * {@value #POOL_SIZE} serves both the lumen-db and the JDBC side of every benchmark.
 */
public final class BenchFixture implements AutoCloseable {

    /** Rows seeded into {@code users}. */
    public static final int USERS = 100_000;
    /** Rows seeded into {@code new_features} (keyset page 1,000 of 100 and OFFSET 100,000 need more than 100k). */
    public static final int FEATURES = 120_000;
    /** Rows seeded into the wide table {@code bench_wide_rows} (arrays, jsonb, an enum). */
    public static final int WIDE_ROWS = 20_000;
    /** The pool size both sides share. */
    public static final int POOL_SIZE = 8;
    /** The migrated, empty template database. */
    public static final String TEMPLATE = "lumen_bench_template";
    /** The seeded benchmark database. */
    public static final String DATABASE = "lumen_bench";

    private static @Nullable BenchFixture shared;

    private final EmbeddedPostgres postgres;
    private final LumenDb db;
    private final UUID[] userIds;
    private final UUID[] wideIds;
    private final List<LumenDb> extra = new ArrayList<>();
    private final UserRepository users = new UserRepository();
    private final FeatureRepository features = new FeatureRepository();
    private final TableRepository<BenchWideRowsRecord, BenchWideRow, UUID> wide =
            TableRepository.forTable(BENCH_WIDE_ROWS, BENCH_WIDE_ROWS.ID, BenchWideRow.class);
    private boolean closed;

    private BenchFixture(EmbeddedPostgres postgres, LumenDb db, UUID[] userIds, UUID[] wideIds) {
        this.postgres = postgres;
        this.db = db;
        this.userIds = userIds;
        this.wideIds = wideIds;
    }

    /**
     * The fixture of this JVM, started on first use and closed at exit.
     *
     * @return the fixture
     */
    public static synchronized BenchFixture shared() {
        if (shared == null) {
            BenchFixture started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "lumen-bench-fixture-stop"));
            shared = started;
        }
        return shared;
    }

    private static BenchFixture start() {
        long begin = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            Path log = Files.createTempFile("lumen-db-bench-postgres", ".log");
            postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The same throwaway-data settings lumen-db-test uses; both sides of every ratio share them.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        try {
            System.err.printf("[bench] PostgreSQL started in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            admin(postgres, "CREATE DATABASE " + TEMPLATE);
            migrator(postgres, TEMPLATE).up();
            WideTable.create(postgres, TEMPLATE);
            admin(postgres, "CREATE DATABASE " + DATABASE + " TEMPLATE " + TEMPLATE);
            System.err.printf("[bench] migrated at %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            UUID[] ids = seed(postgres);
            UUID[] wideIds = WideTable.seed(postgres, DATABASE);
            System.err.printf("[bench] seeded at %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            LumenDb db = LumenDb.start(config(postgres.getPort(), DATABASE), new SimpleMeterRegistry());
            BenchFixture fixture = new BenchFixture(postgres, db, ids, wideIds);
            fixture.warm();
            System.err.printf("[bench] fixture ready in %d ms (PostgreSQL on port %d, %d users, %d features)%n",
                    (System.nanoTime() - begin) / 1_000_000, postgres.getPort(), USERS, FEATURES);
            return fixture;
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
    }

    /**
     * lumen-db's configuration for a database of this server: test profile, pool of {@value #POOL_SIZE} kept full.
     *
     * @param port     the server port
     * @param database the database
     * @return the configuration
     */
    public static DatabaseConfig config(int port, String database) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("lumen.db.url", "jdbc:postgresql://localhost:" + port + "/" + database);
        overrides.put("lumen.db.user", "postgres");
        overrides.put("lumen.db.pool.max-size", Integer.toString(POOL_SIZE));
        overrides.put("lumen.db.pool.min-idle", Integer.toString(POOL_SIZE));
        overrides.put("lumen.db.pool.acquire-timeout", "30s");
        overrides.put("lumen.db.ssl.mode", "disable");
        // Only the slow-query log line is affected (it fires under 32 clients waiting for 8 connections).
        overrides.put("lumen.db.slow-query-threshold", "10s");
        return DatabaseConfig.load(Environment.TEST, overrides);
    }

    /**
     * A migrator for a database of the server.
     *
     * @param postgres the server
     * @param database the database
     * @return the migrator
     */
    static Migrator migrator(EmbeddedPostgres postgres, String database) {
        DatabaseConfig config = config(postgres.getPort(), database);
        return new Migrator(config.migrations(), config.connection());
    }

    private static UUID[] seed(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder users = new StringBuilder(USERS * 80);
            OffsetDateTime base = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            for (int i = 0; i < USERS; i++) {
                users.append("user").append(i).append("@bench.example\t$2a$10$benchhashbenchhashbench\tAda\tLovelace\t")
                        .append(i % 10 != 0 ? 't' : 'f').append('\t').append(base.plusSeconds(i)).append('\n');
            }
            copy.copyIn("COPY users (email, password_hash, first_name, last_name, is_active, last_login_at) FROM STDIN",
                    new StringReader(users.toString()));
            StringBuilder features = new StringBuilder(FEATURES * 120);
            for (int i = 0; i < FEATURES; i++) {
                features.append("feature-").append(i).append("\tBenchmark feature number ").append(i).append('\t')
                        .append(i % 2 == 0 ? 't' : 'f').append("\t{\"rollout\": ").append(i % 100)
                        .append(", \"owner\": \"team-").append(i % 7).append("\"}\t")
                        .append(base.plusSeconds(i)).append('\n');
            }
            copy.copyIn("COPY new_features (name, description, is_enabled, config, created_at) FROM STDIN",
                    new StringReader(features.toString()));
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE users");
                statement.execute("VACUUM ANALYZE new_features");
            }
            List<UUID> ids = new ArrayList<>(USERS);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id FROM users ORDER BY email")) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids.toArray(UUID[]::new);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Seeding the benchmark database failed: " + e.getMessage(), e);
        }
    }

    /** Touches every row and index once, so the first measured call does not read from disk. */
    private void warm() {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT count(*) FROM users WHERE email <> ''");
            statement.execute("SELECT count(*) FROM new_features WHERE name <> ''");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 2_000; i++) {
            users.find(db, userId(i));
            wide.find(db, wideIds[i % wideIds.length]);
        }
        features.listKeyset(db, FeatureFilter.any(), KeysetRequest.first(100));
    }

    /**
     * Runs a statement on the server's maintenance database (CREATE / DROP DATABASE).
     *
     * @param postgres the server
     * @param sql      the statement
     */
    static void admin(EmbeddedPostgres postgres, String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh database cloned from the migrated template, with its own lumen-db (closed with the fixture).
     *
     * @param name the database name
     * @return lumen-db on it
     */
    public synchronized LumenDb cloneDatabase(String name) {
        admin(postgres, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin(postgres, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        LumenDb clone = LumenDb.start(config(postgres.getPort(), name), new SimpleMeterRegistry());
        extra.add(clone);
        return clone;
    }

    /**
     * Walks the features' keyset order to the cursor after {@code rows} rows.
     *
     * @param rows rows to skip (a multiple of 1,000)
     * @return the opaque cursor
     */
    public String keysetCursorAfter(int rows) {
        String cursor = null;
        for (int walked = 0; walked < rows; walked += 1_000) {
            KeysetPage<?> page = features.listKeyset(db, FeatureFilter.any(),
                    cursor == null ? KeysetRequest.first(1_000) : KeysetRequest.after(cursor, 1_000));
            cursor = page.nextCursor();
            if (cursor == null) {
                throw new IllegalStateException("fewer than " + rows + " features");
            }
        }
        return cursor;
    }

    /**
     * lumen-db on the seeded database.
     *
     * @return the instance
     */
    public LumenDb db() {
        return db;
    }

    /**
     * The server.
     *
     * @return the embedded PostgreSQL
     */
    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /**
     * The id of seeded user number {@code index} (wrapped around).
     *
     * @param index any non-negative number
     * @return an existing user's id
     */
    public UUID userId(int index) {
        return userIds[index % userIds.length];
    }

    /**
     * A random existing wide row's id.
     *
     * @return the id
     */
    public UUID randomWideId() {
        return wideIds[java.util.concurrent.ThreadLocalRandom.current().nextInt(wideIds.length)];
    }

    /**
     * The wide table's repository: {@code TableRepository.forTable} over the generated classes.
     *
     * @return the repository
     */
    public TableRepository<BenchWideRowsRecord, BenchWideRow, UUID> wide() {
        return wide;
    }

    /**
     * A random existing user's id.
     *
     * @return the id
     */
    public UUID randomUserId() {
        return userIds[java.util.concurrent.ThreadLocalRandom.current().nextInt(userIds.length)];
    }

    /**
     * The users repository.
     *
     * @return the repository
     */
    public UserRepository users() {
        return users;
    }

    /**
     * The features repository.
     *
     * @return the repository
     */
    public FeatureRepository features() {
        return features;
    }

    /**
     * The server's version string.
     *
     * @return for example {@code PostgreSQL 18.1 on x86_64...}
     */
    public String serverVersion() {
        return db.server().version();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LumenDb other : extra) {
            other.close();
        }
        extra.clear();
        db.close();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("[bench] stopping PostgreSQL: " + e.getMessage());
        }
    }
}
