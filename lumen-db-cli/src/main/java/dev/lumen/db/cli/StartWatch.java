package dev.lumen.db.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads the server log while the embedded server starts. zonky's start does not notice that {@code pg_ctl} gave up
 * and polls the port for its whole start-up wait (60 s); when {@code pg_ctl} reports that the server could not
 * start, this interrupts the starting thread (zonky's wait then returns at once) and keeps PostgreSQL's own reason
 * (its last FATAL line) for the message.
 */
final class StartWatch implements AutoCloseable {

    private static final String GAVE_UP = "pg_ctl: could not start server";

    private final Path log;
    private final Thread starter;
    private final Thread reader;
    private long offset;
    private volatile @Nullable String failure;
    private @Nullable String lastFatal;

    private StartWatch(Path log, Thread starter) {
        this.log = log;
        this.starter = starter;
        this.offset = size(log);
        this.reader = Thread.ofVirtual().unstarted(this::watch);
    }

    /**
     * Starts watching what is appended to {@code log} from now on.
     *
     * @param log     the server log
     * @param starter the thread starting the server, interrupted when the start failed
     * @return the watch, to close once the start returned
     */
    static StartWatch on(Path log, Thread starter) {
        StartWatch watch = new StartWatch(log, starter);
        watch.reader.start();
        return watch;
    }

    /** Why the server did not start, when the log said so. */
    @Nullable String failure() {
        return failure;
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted() && failure == null) {
                readNewLines();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            // The start returned.
        }
    }

    private void readNewLines() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= offset) {
                return;
            }
            file.seek(offset);
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            offset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
            for (String line : text.substring(0, complete).split("\n")) {
                if (line.contains("FATAL:") && !line.contains("the database system is starting up")
                        && !line.contains("not yet accepting connections")) {
                    lastFatal = line.substring(line.indexOf("FATAL:")).replaceAll("\\s+", " ").strip();
                } else if (line.startsWith(GAVE_UP)) {
                    failure = lastFatal != null ? lastFatal : GAVE_UP;
                    starter.interrupt();
                    return;
                }
            }
        } catch (IOException e) {
            // No log yet: nothing to read.
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
