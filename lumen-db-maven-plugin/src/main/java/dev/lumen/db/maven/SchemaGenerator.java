package dev.lumen.db.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Migrations in, jOOQ classes out: fingerprint the inputs, and only when they changed start a throwaway
 * PostgreSQL, apply the migrations with Flyway, generate the classes, and stop the database again (on
 * success and on every failure).
 */
public final class SchemaGenerator {

    /** File in the work directory holding the fingerprint of the last successful generation. */
    static final String STAMP_FILE = "generate.fingerprint";

    private SchemaGenerator() {
    }

    /**
     * What a run did.
     *
     * @param regenerated       false when the output was up to date and no database was started
     * @param fingerprint       the inputs' fingerprint
     * @param migrationsApplied migrations applied to the throwaway database (0 when up to date)
     * @param elapsed           wall time of the run
     */
    public record Result(boolean regenerated, InputFingerprint fingerprint, int migrationsApplied, Duration elapsed) {
    }

    /**
     * Generates the jOOQ classes unless they are up to date.
     *
     * @param settings generator settings
     * @param log      build log
     * @return what happened
     * @throws SchemaGenerationException with a one-paragraph message when anything fails
     */
    public static Result run(GeneratorSettings settings, BuildLog log) {
        long started = System.nanoTime();
        JooqConfiguration jooq = JooqConfiguration.prepare(settings);
        InputFingerprint fingerprint = InputFingerprint.of(settings, jooq);
        Path stamp = settings.workDirectory().resolve(STAMP_FILE);
        if (!settings.force() && upToDate(fingerprint, stamp, settings.outputDirectory())) {
            log.info("Schema is up to date (" + fingerprint.migrations().size() + " migration files, fingerprint "
                    + fingerprint.shortValue() + "); no database started.");
            return new Result(false, fingerprint, 0, elapsedSince(started));
        }
        MigrationFileNames.check(fingerprint.migrations());
        if (fingerprint.migrations().isEmpty()) {
            log.warn("No migrations in " + settings.migrations() + ": the generated schema will be empty.");
        }
        deleteStamp(stamp);
        int applied;
        try (ThrowawayDatabase database = ThrowawayDatabase.open(settings, log)) {
            log.info("Started " + database.description() + " in " + elapsedSince(started).toMillis() + " ms.");
            long migrating = System.nanoTime();
            applied = FlywayMigration.migrate(database.dataSource(), settings.migrations());
            log.info("Applied " + applied + " migrations in " + elapsedSince(migrating).toMillis() + " ms.");
            long generating = System.nanoTime();
            JooqCodegen.generate(database.dataSource(), jooq.configuration());
            log.info("Generated jOOQ classes (package " + settings.packageName() + ") in "
                    + elapsedSince(generating).toMillis() + " ms into " + settings.outputDirectory() + ".");
        }
        writeStamp(stamp, fingerprint);
        return new Result(true, fingerprint, applied, elapsedSince(started));
    }

    /** Up to date: same fingerprint, output present, and no migration modified after the last generation. */
    static boolean upToDate(InputFingerprint fingerprint, Path stamp, Path outputDirectory) {
        try {
            if (!Files.isRegularFile(stamp)
                    || !fingerprint.value().equals(Files.readString(stamp, StandardCharsets.UTF_8).trim())
                    || !containsJavaSources(outputDirectory)) {
                return false;
            }
            return fingerprint.newestChange().map(newest -> {
                try {
                    return newest.compareTo(Files.getLastModifiedTime(stamp)) <= 0;
                } catch (IOException e) {
                    return false;
                }
            }).orElse(true);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean containsJavaSources(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".java"));
        }
    }

    private static void deleteStamp(Path stamp) {
        try {
            Files.deleteIfExists(stamp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + stamp, e);
        }
    }

    private static void writeStamp(Path stamp, InputFingerprint fingerprint) {
        try {
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, fingerprint.value() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + stamp, e);
        }
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
