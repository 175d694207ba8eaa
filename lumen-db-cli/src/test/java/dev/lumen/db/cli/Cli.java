package dev.lumen.db.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the command in-process or as a child process and captures what it printed. */
final class Cli {

    /** The project's own migrations, relative to the module folder Maven runs tests in. */
    static final Path MIGRATIONS = Path.of("..", "migrations").toAbsolutePath().normalize();

    record Result(int exitCode, String out, String err, Duration elapsed) {
        List<String> errLines() {
            // Progress of the embedded server start is not part of the error report.
            return err.lines().filter(line -> !line.isBlank() && !line.contains(" WARN ")
                    && !line.startsWith("Starting the embedded development database")).toList();
        }
    }

    private Cli() {
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
