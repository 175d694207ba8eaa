package dev.lumen.db.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.lumen.db.core.config.PostgresUrl;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lumen-db} command. */
@Command(name = "lumen-db", mixinStandardHelpOptions = true, versionProvider = LumenDbCli.Version.class,
        description = "Migrations, health and a demo for lumen-db. Without --url or --env, commands use an embedded"
                + " PostgreSQL kept in .lumen-db/dev-db.",
        subcommands = {MigrateCommand.class, HealthCommand.class, DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure (rerun with --verbose)", "2:wrong usage",
            "3:database unreachable or login refused", "4:migration failed or validation found a problem",
            "5:invalid configuration", "6:health is DEGRADED", "7:a statement failed"})
public final class LumenDbCli implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show library logs and stack traces.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Created by picocli. */
    public LumenDbCli() {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command in-process.
     *
     * @param args the arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        LumenDbCli root = new LumenDbCli();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(parseResult -> {
            quietLogs(root.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            cmd.getErr().println("lumen-db: " + PostgresUrl.mask(oneLine(failure)));
            if (root.verbose) {
                failure.printStackTrace(cmd.getErr());
            } else if (ExitCodes.of(failure) == ExitCodes.FAILURE) {
                cmd.getErr().println("Run again with --verbose for the stack trace.");
            }
            cmd.getErr().flush();
            return ExitCodes.of(failure);
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }

    /**
     * Library logs stay at WARN unless --verbose; the command prints what matters itself, one line per failure.
     * Loggers that only repeat that failure (Flyway's ERRORs with their stack traces, Hikari's pool shutdown, the
     * migrator's failure record) or speak about the command's own housekeeping queries (slow-query log) are off.
     */
    private static void quietLogs(boolean verbose) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(verbose ? Level.INFO : Level.WARN);
            for (String name : QUIET) {
                if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                    logger.setLevel(verbose ? null : Level.OFF);
                }
            }
        }
    }

    private static final java.util.List<String> QUIET = java.util.List.of("org.flywaydb", "com.zaxxer.hikari",
            "dev.lumen.db.slow-query", "dev.lumen.db.core.migrate.FailureLog");

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LumenDbCli.class.getPackage().getImplementationVersion();
            return new String[] {"lumen-db " + (version == null ? "(development build)" : version)};
        }
    }
}
