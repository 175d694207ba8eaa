package dev.lumen.db.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;

/** Runs the command in-process or as a child process and captures what it printed. */
final class Cli {

    /**
     * The users' migrations (the project's migrations/ folder), relative to the module folder Maven runs tests in:
     * only for tests of what ships on them (the demo, drift against the generated code), which derive what they
     * expect from the folder.
     */
    static final Path MIGRATIONS = Path.of("..", "migrations").toAbsolutePath().normalize();

    /** The CLI's own fixture migrations (V1..V3 with undo scripts), for tests of the commands themselves. */
    static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "migrations").toAbsolutePath();

    /** The {@code V<version>__<name>.sql} scripts of a folder, oldest first, as Flyway orders them. */
    static List<String> versionedScripts(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9][0-9_.]*__.+\\.sql"))
                    .sorted(Comparator.comparing(Cli::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a script, e.g. {@code 20261127100300} for {@code V20261127100300__create_new_features.sql}. */
    static String versionOf(String script) {
        return script.substring(1, script.indexOf("__"));
    }

    private static MigrationVersion version(String script) {
        return MigrationVersion.fromVersion(versionOf(script).replace('_', '.'));
    }

    record Result(int exitCode, String out, String err, Duration elapsed) {
        List<String> errLines() {
            // Progress of the embedded server start is not part of the error report.
            return err.lines().filter(line -> !line.isBlank() && !line.contains(" WARN ")
                    && !line.startsWith("Starting the embedded development database")).toList();
        }
    }

    private Cli() {
    }

    /** The arguments of {@code first} followed by those of {@code second}. */
    static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int code = LumenDbCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    static Result runProcess(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LumenDbCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LUMEN_DB_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("lumen-db did not finish: " + command);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
    }

    /** PostgreSQL server processes whose command line mentions {@code marker} (a data folder). */
    static List<Long> postgresProcesses(String marker) {
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes.filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(marker))
                    .filter(p -> p.info().command().orElse("").endsWith("postgres"))
                    .map(ProcessHandle::pid)
                    .toList();
        }
    }
}
