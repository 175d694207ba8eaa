package dev.lumen.db.cli;

import dev.lumen.db.core.config.PostgresUrl;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.health.HealthStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lumen-db health}. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Ping the database, read the pool and the migration state; exit 0 when UP, 6 when DEGRADED,"
                + " 3 when DOWN.")
final class HealthCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (DatabaseSession session = DatabaseSession.open(connection, spec.commandLine().getErr())) {
            HealthReport report = check(session, out);
            if (json) {
                out.println(MigrateCommand.Json.write(report));
            } else {
                print(report, out);
            }
            return switch (report.status()) {
                case UP -> ExitCodes.OK;
                case DEGRADED -> ExitCodes.DEGRADED;
                case DOWN -> ExitCodes.CONNECTION;
            };
        }
    }

    /** The report; when no connection could be opened at all, a JSON consumer still gets a DOWN document. */
    private HealthReport check(DatabaseSession session, PrintWriter out) {
        try {
            return session.db().health().check();
        } catch (ConnectionFailedException e) {
            if (json) {
                // The one-line reason goes to stderr as for every failure; stdout carries the document.
                out.println(MigrateCommand.Json.write(HealthReport.down(PostgresUrl.mask(e.getMessage()),
                        session.config().pool().maxSize())));
                out.flush();
            }
            throw e;
        }
    }

    static void print(HealthReport report, PrintWriter out) {
        out.printf("Status: %s%n", report.status());
        out.printf("  ping       %s%n", report.pingLatency() == null ? "failed"
                : String.format("%.2f ms", report.pingLatency().toNanos() / 1e6));
        out.printf("  pool       %d active, %d idle, %d waiting, %d max%n", report.pool().active(), report.pool().idle(),
                report.pool().waiting(), report.pool().max());
        if (report.status() != HealthStatus.DOWN) {
            out.printf("  migrations version %s, %d pending, %d failed%n",
                    MigrateCommand.version(report.currentVersion()), report.pendingMigrations(),
                    report.failedMigrations());
        }
        report.replicas().forEach(replica -> out.printf(java.util.Locale.ROOT,
                "  replica    %s %s, lag %d bytes, %.1f s%n", replica.name(), replica.healthy() ? "serving" : "ejected",
                replica.lagBytes(), replica.lagSeconds()));
        report.details().forEach(detail -> out.println("  ! " + detail));
    }
}
