package dev.lumen.db.test.cluster;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries zonky ships in Maven artifacts (the same ones the embedded test server runs), unpacked
 * once per machine into {@code java.io.tmpdir/lumen-db-pg/PG-<md5 of the archive>}. Only {@code initdb},
 * {@code pg_ctl} and {@code postgres} are in the archive: replicas are therefore made with
 * {@code pg_backup_start()} and a file copy rather than {@code pg_basebackup}.
 */
final class PostgresBinaries {

    private static final Object LOCK = new Object();
    private static @Nullable Path bin;

    private PostgresBinaries() {
    }

    /**
     * The command line that runs a PostgreSQL program. As root, PostgreSQL refuses to start; like zonky, the
     * program then runs in a user namespace of its own ({@code unshare -U}) where it is not root.
     *
     * @param program {@code initdb}, {@code pg_ctl} or {@code postgres}
     * @param args    its arguments
     * @return the full command
     */
    static List<String> command(String program, List<String> args) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin().resolve(program).toString());
        command.addAll(args);
        return command;
    }

    static Path bin() {
        synchronized (LOCK) {
            if (bin == null) {
                bin = unpack().resolve("bin");
            }
            return bin;
        }
    }

    private static Path unpack() {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            archive = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded PostgreSQL binaries", e);
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "lumen-db-pg");
        Path target = root.resolve("PG-" + md5(archive));
        if (Files.exists(target.resolve(".ready"))) {
            return target;
        }
        try {
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, "unpack-");
            extract(archive, staging);
            Files.createFile(staging.resolve(".ready"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another JVM unpacked the same archive first; use its copy.
                Directories.delete(staging);
            } catch (IOException e) {
                if (!Files.exists(target.resolve(".ready"))) {
                    throw e;
                }
                Directories.delete(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the embedded PostgreSQL binaries into " + root, e);
        }
    }

    private static void extract(byte[] archive, Path directory) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = directory.resolve(entry.getName()).normalize();
                if (!path.startsWith(directory)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")
                            || entry.getName().startsWith("./bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "Darwin";
        }
        if (os.contains("win")) {
            return "Windows";
        }
        return "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
