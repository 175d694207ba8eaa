package dev.lumen.db.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL processes of one data folder, whoever started them: the postmaster named in
 * {@code postmaster.pid} and every {@code initdb}, {@code pg_ctl} or {@code postgres} whose command line names the
 * folder with {@code -D}. A command that was interrupted or killed leaves them behind; they are found and stopped
 * here, so the next command neither waits on them nor fails.
 */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /**
     * Every live process working on a data folder.
     *
     * @param data the cluster's folder (absolute)
     * @return the processes, postmaster first when there is one
     */
    static List<ProcessHandle> on(Path data) {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        postmaster(data).ifPresent(p -> found.put(p.pid(), p));
        String marker = "-D " + data;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> names(p.info().commandLine().orElse(""), marker))
                    .forEach(p -> found.putIfAbsent(p.pid(), p));
        }
        return found.values().stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The command line names the folder itself, not a longer path that starts like it. */
    private static boolean names(String commandLine, String marker) {
        int at = commandLine.indexOf(marker);
        while (at >= 0) {
            int end = at + marker.length();
            if (end == commandLine.length() || commandLine.charAt(end) == ' ') {
                return true;
            }
            at = commandLine.indexOf(marker, end);
        }
        return false;
    }

    /**
     * The server named in {@code postmaster.pid}, when it is alive and is a PostgreSQL server of this folder (a
     * recycled process id of some other program does not count).
     *
     * @param data the cluster's folder
     * @return the postmaster
     */
    static Optional<ProcessHandle> postmaster(Path data) {
        List<String> lines = pidFile(data);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!Path.of(lines.get(1).strip()).equals(data)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    }

    /** The lines of {@code postmaster.pid}, empty when there is none. */
    static List<String> pidFile(Path data) {
        try {
            return Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Stops processes: SIGINT first (PostgreSQL's fast shutdown: sessions are cut, data is checkpointed; initdb
     * cleans up after itself), SIGQUIT for what is left after {@code patience} (immediate shutdown, the next start
     * replays the WAL).
     *
     * @param processes what to stop
     * @param patience  how long each signal is given
     * @return the processes still alive afterwards (not ours to signal, for instance)
     */
    static List<ProcessHandle> stop(List<ProcessHandle> processes, Duration patience) {
        List<ProcessHandle> alive = processes;
        for (String signal : List.of("INT", "QUIT")) {
            alive.forEach(p -> signal(p, signal));
            alive = awaitExit(alive, patience);
            if (alive.isEmpty()) {
                break;
            }
        }
        return alive;
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // No kill command (not a POSIX system): Java's own signal below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (signal.equals("INT")) {
            process.destroy();
        } else {
            process.destroyForcibly();
        }
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<ProcessHandle> alive = new ArrayList<>(processes);
        while (System.nanoTime() < deadline) {
            alive.removeIf(p -> !p.isAlive());
            if (alive.isEmpty()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        alive.removeIf(p -> !p.isAlive());
        return alive;
    }
}
