package dev.lumen.db.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The {@code lumen-db} command in a JVM of its own, with its output in files, to interrupt or kill mid-way. */
final class Child implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;
    private final long started = System.nanoTime();

    private Child(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts the command.
     *
     * @param folder  where its output files go
     * @param jvm     JVM options (system properties)
     * @param args    the command's arguments
     * @return the running command
     */
    static Child start(Path folder, List<String> jvm, String... args) throws IOException {
        return start(folder, jvm, java.util.Map.of(), args);
    }

    /**
     * Starts the command with environment variables of its own (the test's LUMEN_DB_* are removed).
     *
     * @param folder      where its output files go
     * @param jvm         JVM options (system properties)
     * @param environment extra environment variables
     * @param args        the command's arguments
     * @return the running command
     */
    static Child start(Path folder, List<String> jvm, java.util.Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(jvm);
        command.add(LumenDbCli.class.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "out-", ".txt");
        Path err = Files.createTempFile(folder, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LUMEN_DB_"));
        builder.environment().putAll(environment);
        return new Child(builder.start(), out, err);
    }

    long pid() {
        return process.pid();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until {@code condition} holds; false when the command ended first or the time ran out. */
    boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return condition.getAsBoolean();
            }
            Thread.sleep(5);
        }
        return false;
    }

    /**
     * What Ctrl-C does: SIGINT. When the test JVM was itself started with SIGINT ignored (a background job of a
     * shell without job control), the child inherits that and the JVM would not react, so it gets SIGTERM, which
     * runs the same shutdown hooks.
     *
     * @return the signal sent
     */
    String interrupt() throws IOException, InterruptedException {
        String status = read(Path.of("/proc", Long.toString(process.pid()), "status"));
        boolean ignored = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseLong(l.substring(7).strip(), 16) & 0x2) != 0).orElse(false);
        if (ignored) {
            process.destroy();
            return "SIGTERM";
        }
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        return "SIGINT";
    }

    /** What a crash or {@code kill -9} does: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for the exit; the exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("lumen-db did not exit within " + timeout + "; stderr: " + err());
        }
        return process.exitValue();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
