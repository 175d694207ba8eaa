package dev.lumen.db.core.migrate;

import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.MigrationConfig;
import dev.lumen.db.core.config.Secret;
import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.pool.ConnectionPools;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, inspects and reverts migrations. Flyway does the forward work; {@link #down(int)} runs undo scripts
 * ({@code U<version>__<name>.sql} beside each migration) and removes their history rows in one transaction,
 * under a lock, and refuses before touching anything when a script is missing.
 *
 * <p>The migrator uses its own short-lived connections (never the application's pool) with
 * {@code lock_timeout} set, so a migration that waits on a busy table fails instead of blocking the application.
 */
public final class Migrator {

    /** Flyway's history table. */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** lumen-db's record of failed attempts. */
    public static final String FAILURES_TABLE = FailureLog.TABLE_NAME;

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    /** Advisory lock key shared by every lumen-db {@code down}: "lumendb" in ASCII. */
    private static final long DOWN_LOCK_KEY = 0x6c756d656e6462L;

    private static final Table<?> HISTORY = DSL.table(DSL.name(HISTORY_TABLE));
    private static final Field<Integer> RANK = DSL.field(DSL.name("installed_rank"), SQLDataType.INTEGER);
    private static final Field<String> VERSION = DSL.field(DSL.name("version"), SQLDataType.VARCHAR);
    private static final Field<String> SCRIPT = DSL.field(DSL.name("script"), SQLDataType.VARCHAR);
    private static final Field<String> TYPE = DSL.field(DSL.name("type"), SQLDataType.VARCHAR);
    private static final Field<Boolean> SUCCESS = DSL.field(DSL.name("success"), SQLDataType.BOOLEAN);

    private final MigrationConfig config;
    private final DataSource dataSource;
    private final ClassLoader classLoader;
    private final UndoScripts undoScripts;
    private final FailureLog failures;
    private final Clock clock;

    /**
     * A migrator for a server.
     *
     * @param config     migration settings
     * @param connection how to reach the server (the same settings as the pool)
     */
    public Migrator(MigrationConfig config, ConnectionConfig connection) {
        this(config, dataSource(config, connection), Clock.systemUTC());
    }

    Migrator(MigrationConfig config, DataSource dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.classLoader = context != null ? context : Migrator.class.getClassLoader();
        this.undoScripts = new UndoScripts(config.locations(), classLoader);
        this.failures = new FailureLog(dataSource);
        this.clock = clock;
    }

    private static DataSource dataSource(MigrationConfig config, ConnectionConfig connection) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(connection.url());
        // Least privilege: migrations may run as the schema owner while the application's pool uses a DML-only role.
        boolean ownRole = config.user() != null;
        dataSource.setUser(ownRole ? config.user() : connection.user());
        Secret password = ownRole ? config.password() : connection.password();
        if (!password.isEmpty()) {
            dataSource.setPassword(password.reveal());
        }
        ConnectionPools.driverProperties(connection).forEach((name, value) -> {
            try {
                dataSource.setProperty(name.toString(), value.toString());
            } catch (SQLException e) {
                throw new IllegalStateException("pgjdbc rejected property " + name, e);
            }
        });
        dataSource.setApplicationName(connection.applicationName() + " (migrations)");
        // Migrations may run long (index builds), but must not wait long for a lock: no statement timeout,
        // and the configured lock_timeout, set at connect time for every migration session.
        dataSource.setOptions(String.format(Locale.ROOT, "-c statement_timeout=0 -c lock_timeout=%d",
                config.lockTimeout().toMillis()));
        return dataSource;
    }

    private FluentConfiguration flyway() {
        FluentConfiguration flyway = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(config.locations().toArray(String[]::new))
                .cleanDisabled(true)
                // U<version>__ undo scripts sit beside the migrations; Flyway's naming check would reject them.
                .validateMigrationNaming(false)
                .ignoreMigrationPatterns("*:future");
        // No transaction-scoped advisory lock: it would make CREATE INDEX CONCURRENTLY wait for Flyway itself.
        flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return flyway;
    }

    /**
     * Applies every pending migration, each in its own transaction. When one fails, it is rolled back, recorded
     * for {@link #status()}, and the exception names the file, line and PostgreSQL's message.
     *
     * @return what was applied
     * @throws MigrationException when validation or a migration fails
     */
    public UpResult up() {
        try {
            MigrateResult result = flyway().load().migrate();
            List<String> applied = result.migrations.stream().map(m -> m.filepath == null ? m.description : fileName(m.filepath)).toList();
            failures.forget(result.migrations.stream().map(m -> m.version).filter(v -> v != null && !v.isEmpty()).toList());
            if (!applied.isEmpty()) {
                LOG.info("Applied {} migrations: {} -> {}", applied.size(), result.initialSchemaVersion,
                        result.targetSchemaVersion);
            }
            return new UpResult(emptyToNull(result.initialSchemaVersion), emptyToNull(result.targetSchemaVersion), applied);
        } catch (FlywayException e) {
            FlywayFailures failure = FlywayFailures.describe(e);
            if (failure.version() != null && failure.script() != null) {
                failures.record(failure.version(), failure.script(), failure.message());
            }
            throw new MigrationException(failure.message(), failure.version(), failure.script(), null);
        }
    }

    /**
     * Every migration and where it stands.
     *
     * @return the status
     */
    public MigrationStatus status() {
        try {
            Map<String, String> failed = failures.failures();
            MigrationInfo[] all = flyway().load().info().all();
            List<MigrationEntry> entries = new ArrayList<>(all.length);
            for (MigrationInfo info : all) {
                String version = info.getVersion() == null ? "" : info.getVersion().getVersion();
                MigrationState state = state(info);
                String lastError = failed.get(version);
                if (state == MigrationState.PENDING && lastError != null) {
                    state = MigrationState.FAILED_ROLLED_BACK;
                }
                String script = info.getScript();
                entries.add(new MigrationEntry(version, info.getDescription(), script, state,
                        info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
                        info.getExecutionTime() == null ? null : Duration.ofMillis(info.getExecutionTime()),
                        state == MigrationState.APPLIED ? null : lastError,
                        script != null && undoScripts.find(script).isPresent()));
            }
            String current = entries.stream()
                    .filter(e -> e.state() == MigrationState.APPLIED || e.state() == MigrationState.BASELINE)
                    .filter(e -> !e.version().isEmpty())
                    .reduce((a, b) -> b)
                    .map(MigrationEntry::version)
                    .orElse(null);
            return new MigrationStatus(current, entries);
        } catch (FlywayException e) {
            throw new MigrationException("Cannot read the migration status: " + FlywayFailures.describe(e).message());
        }
    }

    /**
     * Checks that every applied migration still matches its script (checksums, no missing scripts).
     *
     * @throws MigrationException listing every problem
     */
    public void validate() {
        ValidateResult result;
        try {
            result = flyway().ignoreMigrationPatterns("*:future", "*:pending").load().validateWithResult();
        } catch (FlywayException e) {
            throw new MigrationException("Validation could not run: " + FlywayFailures.describe(e).message());
        }
        if (!result.validationSuccessful) {
            String problems = result.invalidMigrations.stream()
                    .map(m -> m.filepath == null ? m.description : fileName(m.filepath) + ": " + m.errorDetails.errorMessage)
                    .map(line -> line.strip().replaceAll("\\s*\\R\\s*", " "))
                    .collect(Collectors.joining("; "));
            throw new MigrationException("Migrations failed validation: " + problems
                    + ". Revert the edited scripts, or run repair if the change is intended.");
        }
    }

    /**
     * Removes failed entries from the history and realigns checksums with the scripts on disk.
     *
     * @return a one-line summary
     */
    public String repair() {
        try {
            RepairResult result = flyway().load().repair();
            failures.forget(Arrays.stream(flyway().load().info().applied())
                    .filter(i -> i.getVersion() != null)
                    .map(i -> i.getVersion().getVersion())
                    .toList());
            return "Repaired: " + result.migrationsRemoved.size() + " failed entries removed, "
                    + result.migrationsAligned.size() + " checksums realigned, " + result.migrationsDeleted.size()
                    + " missing entries marked deleted";
        } catch (FlywayException e) {
            throw new MigrationException("Repair failed: " + FlywayFailures.describe(e).message());
        }
    }

    /**
     * Marks an existing, unmanaged database as being at {@code version}, so later migrations apply on top of it.
     *
     * @param version the version the database already has
     * @throws MigrationException when the database already has a history
     */
    public void baseline(String version) {
        try {
            flyway().baselineVersion(version).baselineDescription("baseline").load().baseline();
        } catch (FlywayException e) {
            throw new MigrationException("Baseline failed: " + FlywayFailures.describe(e).message());
        }
    }

    /**
     * Reverts the newest {@code count} migrations by running their undo scripts, newest first, and deleting their
     * history rows, all in one transaction under an exclusive lock on the history. Nothing changes when any undo
     * script is missing or fails.
     *
     * @param count how many migrations to revert, at least 1
     * @return what was reverted
     * @throws MigrationException when fewer migrations are applied, a script is missing, or a script fails
     */
    public DownResult down(int count) {
        if (count < 1) {
            throw new MigrationException("down needs a count of at least 1, got " + count);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DownResult result = down(connection, DSL.using(connection, SQLDialect.POSTGRES), count);
                connection.commit();
                LOG.info("Reverted {}", result.undone());
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException("down failed: " + SqlStateTranslator.translate(e).getMessage());
        } catch (DataAccessException e) {
            throw new MigrationException("down failed: " + SqlStateTranslator.translate(e).getMessage());
        }
    }

    private DownResult down(Connection connection, DSLContext dsl, int count) throws SQLException {
        if (!config.lockTimeout().isZero()) {
            dsl.query("SET LOCAL lock_timeout = {0}", DSL.inline(config.lockTimeout().toMillis())).execute();
        }
        dsl.select(DSL.function(DSL.name("pg_advisory_xact_lock"), SQLDataType.OTHER, DSL.val(DOWN_LOCK_KEY))).fetch();
        if (!historyExists(dsl)) {
            throw new MigrationException("Nothing to revert: no migration has been applied");
        }
        dsl.query("LOCK TABLE {0} IN EXCLUSIVE MODE", HISTORY).execute();
        List<Record4<Integer, String, String, String>> rows = dsl.select(RANK, VERSION, SCRIPT, TYPE)
                .from(HISTORY)
                .where(SUCCESS.isTrue())
                .and(VERSION.isNotNull())
                .orderBy(RANK.desc())
                .limit(count)
                .fetch();
        if (rows.size() < count) {
            throw new MigrationException("Cannot revert " + count + " migrations: only " + rows.size() + " are applied");
        }
        List<String> missing = new ArrayList<>();
        List<String> undoTexts = new ArrayList<>();
        for (Record4<Integer, String, String, String> row : rows) {
            if (!"SQL".equals(row.value4())) {
                throw new MigrationException("Cannot revert " + row.value3() + ": it is a " + row.value4()
                        + " entry, not a SQL migration", row.value2(), row.value3(), null);
            }
            Optional<String> text = undoScripts.find(row.value3());
            if (text.isEmpty()) {
                missing.add(UndoScripts.nameFor(row.value3()).orElse(row.value3()));
            } else {
                undoTexts.add(text.get());
            }
        }
        if (!missing.isEmpty()) {
            throw new MigrationException("Refusing to revert: no undo script " + String.join(", ", missing)
                    + " in " + String.join(", ", config.locations()) + "; nothing was changed");
        }
        List<String> undone = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Record4<Integer, String, String, String> row = rows.get(i);
            String undoName = UndoScripts.nameFor(row.value3()).orElseThrow();
            try (Statement statement = connection.createStatement()) {
                statement.execute(undoTexts.get(i));
            } catch (SQLException e) {
                throw new MigrationException("Undo script " + undoName + " failed: "
                        + SqlStateTranslator.translate(e).getMessage() + "; nothing was changed", row.value2(), undoName,
                        null);
            }
            dsl.deleteFrom(HISTORY).where(RANK.eq(row.value1())).execute();
            undone.add(row.value3());
        }
        String current = dsl.select(VERSION)
                .from(HISTORY)
                .where(SUCCESS.isTrue())
                .and(VERSION.isNotNull())
                .orderBy(RANK.desc())
                .limit(1)
                .fetchOptional(VERSION)
                .orElse(null);
        return new DownResult(undone, current);
    }

    private static boolean historyExists(DSLContext dsl) {
        return Boolean.TRUE.equals(dsl.select(DSL.function(DSL.name("to_regclass"), SQLDataType.VARCHAR,
                DSL.val(HISTORY_TABLE)).isNotNull()).fetchOne(0, Boolean.class));
    }

    /**
     * Writes {@code V<yyyyMMddHHmmss>__<name>.sql} and its {@code U...} undo script into the migrations directory.
     *
     * @param name the migration's name, for example {@code add orders table}
     * @return the files written
     */
    public NewMigration create(String name) {
        return MigrationFiles.create(config.directory(), name, clock);
    }

    /**
     * Writes a new migration pair into a folder; no database is needed.
     *
     * @param directory the migrations folder
     * @param name      the migration's name
     * @return the files written
     */
    public static NewMigration createIn(java.nio.file.Path directory, String name) {
        return MigrationFiles.create(directory, name, Clock.systemUTC());
    }

    private static MigrationState state(MigrationInfo info) {
        return switch (info.getState().name()) {
            case "SUCCESS", "OUT_OF_ORDER" -> MigrationState.APPLIED;
            case "PENDING", "ABOVE_TARGET", "OUTDATED" -> MigrationState.PENDING;
            case "FAILED", "MISSING_FAILED", "FUTURE_FAILED" -> MigrationState.FAILED;
            case "MISSING_SUCCESS" -> MigrationState.MISSING;
            case "FUTURE_SUCCESS" -> MigrationState.FUTURE;
            case "BASELINE", "BELOW_BASELINE" -> MigrationState.BASELINE;
            case "IGNORED" -> MigrationState.IGNORED;
            default -> MigrationState.OTHER;
        };
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
