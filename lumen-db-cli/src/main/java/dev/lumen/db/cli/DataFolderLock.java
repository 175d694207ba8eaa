package dev.lumen.db.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * One lumen-db command at a time per data folder, across processes: an OS file lock on
 * {@code <folder>/lumen-db.lock}, held from before {@code initdb} until the server is stopped. The operating system
 * drops it when the process dies, however it dies, so a lock is never stale; the file names the holder's pid for
 * the message a waiting command prints.
 */
final class DataFolderLock implements AutoCloseable {

    /** The lock file's name inside the folder. */
    static final String FILE = "lumen-db.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock, waiting while another command holds it.
     *
     * @param folder   the folder (created beforehand)
     * @param patience how long to wait for the other command
     * @param progress where to say that this command waits, and for whom
     * @return the lock, held until {@link #close()}
     * @throws DevDatabase.StartFailure when the other command kept it longer than {@code patience}
     */
    static DataFolderLock acquire(Path folder, Duration patience, PrintWriter progress) {
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        boolean told = false;
        while (true) {
            Optional<DataFolderLock> lock = tryAcquire(folder);
            if (lock.isPresent()) {
                if (told) {
                    progress.printf(": waited %.1f s%n", (System.nanoTime() - started) / 1e9);
                    progress.flush();
                }
                return lock.get();
            }
            if (!told) {
                progress.println();
                progress.print("  waiting for another lumen-db command" + holder(folder) + " to finish with it");
                progress.flush();
                told = true;
            }
            if (System.nanoTime() > deadline) {
                throw new DevDatabase.StartFailure("Another lumen-db command" + holder(folder) + " has been using "
                        + folder + " for over " + patience.toSeconds() + " s; let it finish (or stop it) and try"
                        + " again, or pass another --data-dir", null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevDatabase.StartFailure("Interrupted while waiting for " + folder, e);
            }
        }
    }

    /**
     * Takes the folder's lock if nobody holds it.
     *
     * @param folder the folder
     * @return the lock, or empty when another process (or this one) holds it
     */
    static Optional<DataFolderLock> tryAcquire(Path folder) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                    0);
            return Optional.of(new DataFolderLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            // Held by another command running in this JVM.
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + folder.resolve(FILE), e);
        }
    }

    private static String holder(Path folder) {
        try {
            String pid = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8).strip();
            return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(@org.jspecify.annotations.Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing held: closing an unlocked channel cannot matter.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }
}
