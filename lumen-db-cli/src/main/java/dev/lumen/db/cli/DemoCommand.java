package dev.lumen.db.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code lumen-db demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show the data layer end to end on a fresh embedded PostgreSQL: migrations, repositories,"
                + " typed filters, paging, users with roles, a retried serializable transaction, health and metrics."
                + " Needs nothing but a JDK; the database is deleted afterwards.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoFolders.Created created = DemoFolders.create();
        Path folder = created.folder();
        if (created.staleRemoved() > 0) {
            out.printf("Removed %d folder%s left by interrupted demos.%n", created.staleRemoved(),
                    created.staleRemoved() == 1 ? "" : "s");
        }
        try {
            new Demo(out).run(folder);
        } finally {
            deleteQuietly(folder);
        }
        return ExitCodes.OK;
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // The server deleted it already, or the next demo removes it.
        }
    }
}
