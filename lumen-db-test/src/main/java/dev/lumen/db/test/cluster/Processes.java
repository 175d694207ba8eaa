package dev.lumen.db.test.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Server processes (PostgreSQL, PgBouncer) that die with the JVM. Each runs under a small shell watchdog that
 * sends the process its stop signal as soon as the JVM is gone, so even a JVM killed with {@code SIGKILL} leaves no
 * server running; a normal exit stops them in a shutdown hook.
 */
final class Processes {

    /**
     * {@code $1} JVM pid, {@code $2} signal to send when the JVM is gone, {@code $3} file receiving the server's
     * pid, the rest the server's command line. The server is the shell's child; the watcher is a subshell that
     * polls the JVM.
     */
    private static final String WATCHDOG = """
            jvm=$1; sig=$2; pidfile=$3; shift 3
            "$@" &
            child=$!
            echo "$child" > "$pidfile"
            ( while kill -0 "$jvm" 2>/dev/null; do sleep 0.3; done; kill -s "$sig" "$child" 2>/dev/null ) &
            watcher=$!
            wait "$child"
            status=$?
            kill "$watcher" 2>/dev/null
            exit $status
            """;

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    private Processes() {
    }

    /** A started server. */
    record Running(Process shell, long pid, String stopSignal) {

        boolean alive() {
            return shell.isAlive();
        }

        /**
         * Sends a signal and waits for the process to exit.
         *
         * @param signal  for example {@code INT} or {@code QUIT}
         * @param timeout how long to wait
         * @return true when it exited
         */
        boolean signalAndWait(String signal, Duration timeout) {
            if (shell.isAlive()) {
                kill(signal, pid);
            }
            try {
                boolean exited = shell.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (exited) {
                    RUNNING.remove(this);
                }
                return exited;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Starts a server under the watchdog.
     *
     * @param command    its command line
     * @param log        where its output goes (appended)
     * @param stopSignal what the watchdog sends when the JVM is gone
     * @return the running process
     */
    static Running start(List<String> command, Path log, String stopSignal) {
        try {
            Path pidFile = Files.createTempFile(log.getParent(), "pid-", ".txt");
            List<String> full = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "lumen-db-watchdog",
                    Long.toString(ProcessHandle.current().pid()), stopSignal, pidFile.toString()));
            full.addAll(command);
            File logFile = log.toFile();
            Process shell = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile))
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .start();
            long pid = awaitPid(pidFile, shell);
            Running running = new Running(shell, pid, stopSignal);
            RUNNING.add(running);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command.getFirst(), e);
        }
    }

    private static long awaitPid(Path pidFile, Process shell) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                Files.deleteIfExists(pidFile);
                return Long.parseLong(text);
            }
            if (!shell.isAlive()) {
                break;
            }
            sleep(5);
        }
        throw new IllegalStateException("The watchdog did not report the server's pid");
    }

    /** Stops every server still running (the shutdown hook). */
    static void stopAll() {
        for (Running running : List.copyOf(RUNNING)) {
            running.signalAndWait(running.stopSignal(), Duration.ofSeconds(10));
        }
    }

    static void kill(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a short command to completion.
     *
     * @param command the command line
     * @param timeout the longest it may take
     * @return its output
     * @throws IllegalStateException when it fails, with its output
     */
    static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
