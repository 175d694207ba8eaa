package dev.lumen.db.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lumen.db.core.migrate.DownResult;
import dev.lumen.db.core.migrate.MigrationEntry;
import dev.lumen.db.core.migrate.MigrationStatus;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.core.migrate.NewMigration;
import dev.lumen.db.core.migrate.UpResult;
import dev.lumen.db.lint.LintException;
import dev.lumen.db.lint.LintReport;
import dev.lumen.db.lint.MigrationLinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.lumen.db.core.health.SchemaDrift;
import dev.lumen.db.schema.DefaultSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lumen-db migrate ...}. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply, inspect, revert and create migrations.",
        subcommands = {MigrateCommand.Up.class, MigrateCommand.Down.class, MigrateCommand.Status.class,
            MigrateCommand.Validate.class, MigrateCommand.Repair.class, MigrateCommand.Baseline.class,
            MigrateCommand.Create.class, MigrateCommand.Lint.class})
final class MigrateCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared plumbing: a session per run, output to the command's writers. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() {
            try (DatabaseSession session = DatabaseSession.open(connection, spec.commandLine().getErr())) {
                return run(session, out());
            }
        }

        int run(DatabaseSession session, PrintWriter out) {
            return run(session.migrator(), out);
        }

        abstract int run(Migrator migrator, PrintWriter out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Apply every pending migration.")
    static final class Up extends Base {
        @Override
        int run(Migrator migrator, PrintWriter out) {
            UpResult result = migrator.up();
            if (result.applied().isEmpty()) {
                out.println("Nothing to apply: the schema is at version " + version(result.toVersion()) + ".");
            } else {
                result.applied().forEach(script -> out.println("Applied " + script));
                out.println("Schema version " + version(result.fromVersion()) + " -> " + version(result.toVersion())
                        + " (" + result.applied().size() + " migration" + (result.applied().size() == 1 ? "" : "s") + ").");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Revert the newest N migrations with their undo scripts, in one transaction.")
    static final class Down extends Base {
        @Parameters(index = "0", arity = "0..1", defaultValue = "1", paramLabel = "N",
                description = "How many migrations to revert (default: ${DEFAULT-VALUE}).")
        int count = 1;

        @Option(names = {"-y", "--yes"},
                description = "Do not ask for confirmation (needed without a terminal, except on the embedded"
                        + " development database).")
        boolean yes;

        /** The embedded development database is the user's own scratch copy; anywhere else, ask first. */
        @Override
        int run(DatabaseSession session, PrintWriter out) {
            if (!yes && !session.embedded()) {
                String target = session.config().connection().url() + " as " + session.config().connection().user();
                Confirmation.Terminal terminal = Confirmation.terminal();
                if (terminal == null) {
                    spec.commandLine().getErr().println("lumen-db: migrate down on " + target
                            + " needs confirmation and there is no terminal to ask on: rerun with --yes.");
                    return ExitCodes.USAGE;
                }
                String what = count == 1 ? "the newest migration" : "the newest " + count + " migrations";
                if (!Confirmation.ask("Revert " + what + " on " + target + "?", terminal)) {
                    out.println("Nothing reverted.");
                    return ExitCodes.USAGE;
                }
            }
            return run(session.migrator(), out);
        }

        @Override
        int run(Migrator migrator, PrintWriter out) {
            DownResult result = migrator.down(count);
            result.undone().forEach(script -> out.println("Reverted " + script));
            out.println("Schema version is now " + version(result.currentVersion()) + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show every migration: version, description, state, installed on.")
    static final class Status extends Base {
        @Option(names = "--json", description = "Print JSON for scripts.")
        boolean json;

        @Override
        int run(DatabaseSession session, PrintWriter out) {
            MigrationStatus status = session.migrator().status();
            // The generated code describes the fully migrated schema: compare only when nothing is pending.
            List<String> drift = status.pending().isEmpty() && !status.dirty()
                    ? SchemaDrift.between(session.db().dsl(), DefaultSchema.DEFAULT_SCHEMA, "public")
                    : List.of();
            if (json) {
                out.println(Json.write(Map.of("status", status, "schemaDrift", drift)));
            } else {
                print(status, out);
                if (status.pending().isEmpty()) {
                    out.println(drift.isEmpty() ? "Schema matches the generated code."
                            : "Schema drift (the database differs from the generated code):");
                    drift.forEach(line -> out.println("  ! " + line));
                }
            }
            return ExitCodes.OK;
        }

        @Override
        int run(Migrator migrator, PrintWriter out) {
            throw new IllegalStateException("status runs with the whole session");
        }

        static void print(MigrationStatus status, PrintWriter out) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"VERSION", "DESCRIPTION", "STATE", "INSTALLED ON", "UNDO"});
            DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
            for (MigrationEntry entry : status.entries()) {
                rows.add(new String[] {entry.version(), entry.description(), entry.state().label(),
                    entry.installedOn() == null ? "" : time.format(entry.installedOn()) + " UTC",
                    entry.undoAvailable() ? "yes" : "no"});
            }
            Table.print(rows, out);
            out.println();
            out.println("Current version: " + version(status.currentVersion()) + "; " + status.pending().size()
                    + " pending" + (status.dirty() ? "; DIRTY: a non-transactional migration failed part-way" : ""));
            for (MigrationEntry failed : status.failed()) {
                out.println("Failed: " + failed.script() + (failed.lastError() == null ? "" : ": " + failed.lastError()));
            }
            for (MigrationEntry edited : status.edited()) {
                out.println("Edited after it was applied: " + edited.script() + " (its checksum differs from the"
                        + " history; up refuses to run): " + MigrationStatus.EDITED_ADVICE);
            }
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check that applied migrations still match their scripts.")
    static final class Validate extends Base {
        @Override
        int run(Migrator migrator, PrintWriter out) {
            migrator.validate();
            out.println("Applied migrations match their scripts.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Remove failed entries from the history and realign checksums.")
    static final class Repair extends Base {
        @Override
        int run(Migrator migrator, PrintWriter out) {
            out.println(migrator.repair() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Mark an existing database as being at a version.")
    static final class Baseline extends Base {
        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version it is at.")
        String version = "";

        @Override
        int run(Migrator migrator, PrintWriter out) {
            migrator.baseline(version);
            out.println("Baselined at version " + version + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write V<timestamp>__NAME.sql and its U<timestamp>__NAME.sql undo script.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "What the migration does, e.g. add_orders_table.")
        String name = "";

        @Option(names = "--migrations", paramLabel = "DIR", defaultValue = "migrations",
                description = "Folder to write into (default: ${DEFAULT-VALUE}).")
        Path directory = Path.of("migrations");

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            NewMigration created = Migrator.createIn(directory, name);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created " + created.migration());
            out.println("Created " + created.undo());
            out.println("Write the change in the first and its exact reversal in the second, then run"
                    + " ./mvnw generate-sources to regenerate the jOOQ classes.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Check migrations for changes that lock, rewrite or break live tables (rules LDB000-LDB010,"
                    + " see src/docs/migration-lint.md); exit 4 when any rule is violated.")
    static final class Lint implements Callable<Integer> {
        @Option(names = {"--dir", "--migrations"}, paramLabel = "DIR", defaultValue = "migrations",
                description = "Folder of V/U scripts (default: ${DEFAULT-VALUE}).")
        Path directory = Path.of("migrations");

        @Option(names = "--disable", paramLabel = "RULE", split = ",",
                description = "Rules to switch off for this run, e.g. LDB006.")
        List<String> disabled = new ArrayList<>();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LintReport report;
            try {
                report = MigrationLinter.create().withDisabledRules(disabled).lint(directory);
            } catch (LintException e) {
                throw new dev.lumen.db.core.error.MigrationException(e.getMessage());
            }
            report.violations().forEach(v -> out.println(v.format()));
            report.warnings().forEach(w -> out.println("warning: " + w.format()));
            out.println("Linted " + directory + ": " + report.summary() + ".");
            return report.isClean() ? ExitCodes.OK : ExitCodes.MIGRATION;
        }
    }

    static String version(@org.jspecify.annotations.Nullable String version) {
        return version == null ? "(empty)" : version;
    }

    /** JSON for --json output. */
    static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

        private Json() {
        }

        static String write(Object value) {
            try {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Cannot write JSON", e);
            }
        }
    }
}
