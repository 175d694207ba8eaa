package dev.lumen.db.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything that decides the generated code: each migration's name and bytes, the settings
 * that shape the output, and the jOOQ version. Equal fingerprints mean the output is still right, so no
 * database needs to start.
 *
 * @param value         hex digest
 * @param migrations    the migration files hashed, sorted by name
 * @param newestChange  the newest modification time among them, so that touching a file regenerates
 */
public record InputFingerprint(String value, List<Path> migrations, Optional<FileTime> newestChange) {

    /** Bump when the generator's output format changes, so old output is regenerated. */
    static final String FORMAT = "lumen-db-generate/2";

    /**
     * Fingerprints the migrations folder and the settings.
     *
     * @param settings generator settings
     * @return the fingerprint
     */
    public static InputFingerprint of(GeneratorSettings settings) {
        return of(settings, JooqConfiguration.prepare(settings));
    }

    /**
     * Fingerprints the migrations folder, the settings and the jOOQ configuration: the codegen XML's bytes and the
     * class (or source) files it names, the generator's included.
     *
     * @param settings generator settings
     * @param jooq     the prepared jOOQ configuration
     * @return the fingerprint
     */
    static InputFingerprint of(GeneratorSettings settings, JooqConfiguration jooq) {
        List<Path> files = migrationFiles(settings.migrations());
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, org.jooq.Constants.VERSION);
        update(digest, settings.packageName());
        update(digest, settings.inputSchema());
        update(digest, String.join("|", settings.excludes()));
        update(digest, settings.pojoNames().toString());
        if (jooq.file() != null) {
            update(digest, "codegen.xml");
            digest.update(jooq.file().bytes());
        }
        jooq.classes().forEach((name, bytes) -> {
            update(digest, name);
            digest.update(bytes);
        });
        FileTime newest = null;
        try {
            for (Path file : files) {
                update(digest, file.getFileName().toString());
                digest.update(Files.readAllBytes(file));
                FileTime modified = Files.getLastModifiedTime(file);
                if (newest == null || modified.compareTo(newest) > 0) {
                    newest = modified;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migrations in " + settings.migrations(), e);
        }
        return new InputFingerprint(HexFormat.of().formatHex(digest.digest()), files, Optional.ofNullable(newest));
    }

    /**
     * Lists the SQL files of a migrations folder (not its subfolders' hidden files), sorted by name.
     *
     * @param folder migrations folder
     * @return the SQL files
     */
    static List<Path> migrationFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SchemaGenerationException("Migrations folder not found: " + folder.toAbsolutePath()
                    + ". Create it or point <migrations> at the folder that holds your V<version>__<name>.sql files.");
        }
        try (Stream<Path> stream = Files.walk(folder)) {
            return stream.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migrations in " + folder, e);
        }
    }

    /** A short prefix for log lines. */
    String shortValue() {
        return value.substring(0, 12);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK ships SHA-256", e);
        }
    }
}
