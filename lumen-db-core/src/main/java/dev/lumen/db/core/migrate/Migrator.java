package dev.lumen.db.core.migrate;

import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.MigrationConfig;
import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.pool.ConnectionPools;
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
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, inspects and reverts migrations. Flyway does the forward work; {@link #down(int)} runs undo scripts
 * ({@code U<version>__<name>.sql} beside each migration) and removes their history rows in one transaction,
 * under a lock, and refuses before touching anything when a script is missing or holds transaction control.
 *
 * <p>The migrator uses its own short-lived connections (never the application's pool). A lock wait gives up after
 * {@code lumen.db.migrations.lock-attempt} (so application queries queued behind it wait at most that long) and
 * the migration is retried with backoff until {@code lumen.db.migrations.lock-timeout}. Missing folders and
 * misnamed files fail every command instead of being skipped.
 */
public final class Migrator {

    /** Flyway's history table. */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** lumen-db's record of failed attempts. */
    public static final String FAILURES_TABLE = FailureLog.TABLE_NAME;

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
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
        // Least privilege: migrations may run as the schema owner while the application's pool uses a DML-only role.
        boolean ownRole = config.user() != null;
        PGSimpleDataSource dataSource = ConnectionPools.driverDataSource(connection,
                ownRole ? config.user() : connection.user(), ownRole ? config.password() : connection.password());
        dataSource.setApplicationName(connection.applicationName() + " (migrations)");
        // Migrations may run long (index builds), but must not wait long for a lock: no statement timeout, and a
        // short lock_timeout per attempt (retried with backoff up to lumen.db.migrations.lock-timeout).
        dataSource.setOptions(String.format(Locale.ROOT, "-c statement_timeout=0 -c lock_timeout=%d",
                config.lockTimeout().isZero() ? 0 : config.lockAttempt().toMillis()));
        return dataSource;
    }

    private FluentConfiguration flyway() {
        FluentConfiguration flyway = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(config.locations().toArray(String[]::new))
                .cleanDisabled(true)
                // U<version>__ undo scripts sit beside the migrations; Flyway's naming check would reject them.
                .validateMigrationNaming(false)
                .ignoreMigrationPatterns("*:future")
                .callbacks(new LockTimeouts(config));
        // No transaction-scoped advisory lock: it would make CREATE INDEX CONCURRENTLY wait for Flyway itself.
        flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return flyway;
    }

    /**
     * A Flyway configured exactly as this migrator's (locations, connection, history table), for tools that only
     * read the history, such as Spring Boot's {@code /actuator/flyway}. Apply migrations with {@link #up()}: it
     * adds lumen-db's checks, lock handling and failure records that Flyway's own {@code migrate()} lacks.
     *
     * @return a new Flyway instance
     */
    public Flyway inspector() {
        return flyway().load();
    }

    /**
     * Applies every pending migration, each in its own transaction. When one fails, it is rolled back, recorded
     * for {@link #status()}, and the exception names the file, line and PostgreSQL's message.
     *
     * @return what was applied
     * @throws MigrationException when validation or a migration fails
     */
    public UpResult up() {
        MigrationLocations.check(config.locations());
        Flyway flyway = flyway().load();
        MigrationInfo[] pending;
        try {
            if (flyway.info().all().length == 0) {
                throw new MigrationException("No migrations found in " + String.join(", ", config.locations())
                        + ": nothing to apply, and the database has no history either");
            }
            pending = flyway.info().pending();
        } catch (FlywayException e) {
            throw FlywayFailures.describe(e).toException("Cannot read the migration history: ");
        }
        refuseTransactionControl(pending);
        LockRetry retry = new LockRetry(config.lockTimeout());
        List<String> applied = new ArrayList<>();
        String from = null;
        while (true) {
            try {
                MigrateResult result = flyway.migrate();
                from = retry.attempts() == 1 ? result.initialSchemaVersion : from;
                applied.addAll(scripts(result.migrations));
                failures.forget(result.migrations.stream().map(m -> m.version).filter(v -> v != null && !v.isEmpty())
                        .toList());
                String to = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
                if (!applied.isEmpty()) {
                    LOG.info("Applied {} migrations: {} -> {}", applied.size(), from, to);
                }
                return new UpResult(emptyToNull(from), emptyToNull(to), applied);
            } catch (FlywayException e) {
                if (e instanceof FlywayValidateException) {
                    throw new MigrationException(validationProblems().orElse("Migrations failed validation: "
                            + FlywayFailures.describe(e).message()));
                }
                FlywayFailures failure = FlywayFailures.describe(e);
                if (e instanceof FlywayMigrateException migrate && migrate.getErrorResult() != null) {
                    if (retry.attempts() == 1) {
                        from = migrate.getErrorResult().initialSchemaVersion;
                    }
                    applied.addAll(scripts(migrate.getErrorResult().getSuccessfulMigrations()));
                }
                boolean rolledBack = !(e instanceof FlywayMigrateException migrate) || migrate.isExecutableInTransaction();
                // Lock waits past lock-attempt give way to the application; a rolled-back migration can try again.
                if ("55P03".equals(failure.sqlState()) && rolledBack && retry.pauseBeforeRetry()) {
                    continue;
                }
                String message = "55P03".equals(failure.sqlState())
                        ? failure.message() + "; gave up after " + retry.summary() : failure.message();
                if (failure.version() != null && failure.script() != null) {
                    failures.record(failure.version(), failure.script(), message);
                }
                // A lost connection is said so and typed as such (the command exits 3, not 4), without Flyway's trace.
                throw new FlywayFailures(failure.version(), failure.script(), failure.sqlState(), message)
                        .toException("");
            }
        }
    }

    /**
     * Refuses, before anything runs, a pending migration that Flyway will run in a transaction and that contains
     * BEGIN, COMMIT, ROLLBACK or the like: a COMMIT inside would make a failure half-applied.
     */
    private void refuseTransactionControl(MigrationInfo[] pending) {
        for (MigrationInfo info : pending) {
            if (!LockTimeouts.inTransaction(info) || info.getScript() == null || !info.getScript().endsWith(".sql")) {
                continue;
            }
            Optional<TransactionControl.Found> found = undoScripts.script(info.getScript())
                    .flatMap(TransactionControl::find);
            if (found.isPresent()) {
                String script = fileName(info.getScript());
                throw new MigrationException("Refusing to migrate: " + script + " line " + found.get().line() + " has "
                        + found.get().keyword() + "; Flyway runs each migration in a transaction, and transaction"
                        + " control inside would leave a failed migration half-applied. Remove"
                        + " BEGIN/COMMIT/ROLLBACK/SAVEPOINT from it (or mark it executeInTransaction=false in "
                        + script + ".conf); nothing was applied",
                        info.getVersion() == null ? null : info.getVersion().getVersion(), script, null);
            }
        }
    }

    private static List<String> scripts(List<MigrateOutput> migrations) {
        return migrations.stream().map(m -> m.filepath == null ? m.description : fileName(m.filepath)).toList();
    }

    /**
     * Every migration and where it stands.
     *
     * @return the status
     */
    public MigrationStatus status() {
        MigrationLocations.check(config.locations());
        try {
            Map<String, String> failed = failures.failures();
            MigrationInfo[] all = flyway().load().info().all();
            List<MigrationEntry> entries = new ArrayList<>(all.length);
            for (MigrationInfo info : all) {
                String version = info.getVersion() == null ? "" : info.getVersion().getVersion();
                MigrationState state = state(info);
                if (state == MigrationState.APPLIED && info.getResolvedChecksum() != null && !info.isChecksumMatching()) {
                    state = MigrationState.EDITED;
                }
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
                    .filter(e -> e.state() == MigrationState.APPLIED || e.state() == MigrationState.EDITED
                            || e.state() == MigrationState.BASELINE)
                    .filter(e -> !e.version().isEmpty())
                    .reduce((a, b) -> b)
                    .map(MigrationEntry::version)
                    .orElse(null);
            return new MigrationStatus(current, entries);
        } catch (FlywayException e) {
            throw FlywayFailures.describe(e).toException("Cannot read the migration status: ");
        }
    }

    /**
     * Checks that every applied migration still matches its script (checksums, no missing scripts).
     *
     * @throws MigrationException listing every problem
     */
    public void validate() {
        MigrationLocations.check(config.locations());
        Optional<String> problems = validationProblems();
        if (problems.isPresent()) {
            throw new MigrationException(problems.get());
        }
    }

    /** Every applied migration whose script changed or went missing, in one line naming the files. */
    private Optional<String> validationProblems() {
        ValidateResult result;
        try {
            result = flyway().ignoreMigrationPatterns("*:future", "*:pending").load().validateWithResult();
        } catch (FlywayException e) {
            throw FlywayFailures.describe(e).toException("Validation could not run: ");
        }
        if (result.validationSuccessful) {
            return Optional.empty();
        }
        String problems = result.invalidMigrations.stream()
                .map(m -> m.filepath == null ? m.description : fileName(m.filepath) + ": " + m.errorDetails.errorMessage)
                .map(line -> line.strip().replaceAll("\\s*\\R\\s*", " "))
                .collect(Collectors.joining("; "));
        return Optional.of("Migrations failed validation: " + problems
                + ". Revert the edited scripts, or run repair if the change is intended.");
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
            throw FlywayFailures.describe(e).toException("Repair failed: ");
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
            throw FlywayFailures.describe(e).toException("Baseline failed: ");
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
        MigrationLocations.check(config.locations());
        DownResult result = new Downgrade(config, dataSource, undoScripts).run(count);
        LOG.info("Reverted {}", result.undone());
        return result;
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
