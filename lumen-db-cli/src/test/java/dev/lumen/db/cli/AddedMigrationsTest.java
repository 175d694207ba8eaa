package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.migrate.DownResult;
import dev.lumen.db.core.migrate.MigrationStatus;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.core.migrate.UpResult;
import dev.lumen.db.core.health.HealthStatus;
import dev.lumen.db.core.health.SchemaDrift;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.lint.LintReport;
import dev.lumen.db.lint.MigrationLinter;
import dev.lumen.db.maven.BuildLog;
import dev.lumen.db.maven.GeneratorSettings;
import dev.lumen.db.maven.SchemaGenerator;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.SchemaSnapshot;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jooq.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's first acceptance check, in CI: a user adds two migration pairs to the project's {@code migrations/} (a
 * table with every column type lumen-db supports, then a column rename). The build's steps must all still work on
 * the result: the linter, the code generator (whose output must compile), and the migrator up, status and down,
 * with the undo scripts restoring the catalog exactly. The users' folder is copied, never edited, so whatever it
 * holds today is what is checked; the added pairs live under {@code fixtures/new-table} and reference the seed's
 * {@code users} table and {@code lumen_set_updated_at()} trigger function, as a user's table would. Their names
 * carry a {@code lumen_fixture_} prefix so that a table a user adds (say {@code shipments}) cannot collide with them.
 */
@LumenDbTest(migrated = false)
class AddedMigrationsTest {

    private static final Path ADDED = Path.of("src", "test", "resources", "fixtures", "new-table").toAbsolutePath();

    @TempDir
    Path project;

    @Test
    void whenTwoPairsAreAddedToTheUsersMigrationsThenLintCodegenAndTheMigratorAllWork(TestDatabase db)
            throws Exception {
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        List<String> seed = copySqlFiles(Cli.MIGRATIONS, migrations);
        List<String> added = copySqlFiles(ADDED, migrations);
        assertThat(added).hasSize(4);
        int seedVersions = Cli.versionedScripts(Cli.MIGRATIONS).size();

        // The linter has no finding in the added files (they set lock_timeout and give a reason for the rename).
        LintReport lint = MigrationLinter.create().lint(migrations);
        assertThat(lint.violations()).filteredOn(v -> added.contains(v.file().getFileName().toString()))
                .as("lint findings in the added migrations").isEmpty();

        // The code generator applies every script and writes classes that compile.
        Path output = project.resolve("target/generated-sources/jooq");
        SchemaGenerator.Result generated = SchemaGenerator.run(
                GeneratorSettings.defaults(migrations, output, project.resolve("target/lumen-db")), BuildLog.silent());
        assertThat(generated.migrationsApplied()).isEqualTo(seedVersions + 2);
        String table = Files.readString(output.resolve("dev/lumen/db/schema/tables/LumenFixtureShipments.java"));
        assertThat(table).contains("REMARK", "PRIORITY", "LABELS", "TRANSIT", "CONTACT", "RAW_PAYLOAD")
                .doesNotContain("public final TableField<LumenFixtureShipmentsRecord, String> NOTE");
        assertThat(output.resolve("dev/lumen/db/schema/enums/LumenFixturePriority.java")).exists();
        Path classes = project.resolve("target/classes");
        assertThat(compile(output, classes)).as("javac output").isEmpty();

        // The migrator: the seed alone, then the two added pairs up, status, and down again.
        String newest = Cli.versionOf(Cli.versionedScripts(migrations).getLast());
        String seedNewest = Cli.versionOf(Cli.versionedScripts(Cli.MIGRATIONS).getLast());
        Path seedOnly = Files.createDirectories(project.resolve("seed-only"));
        copySqlFiles(Cli.MIGRATIONS, seedOnly);
        try (LumenDb lumen = start(db, seedOnly)) {
            assertThat(lumen.migrator().up().applied()).hasSize(seedVersions);
        }
        assertThat(seed).isNotEmpty();
        SchemaSnapshot seedSchema = snapshot(db);
        try (GeneratedSchema generatedSchema = new GeneratedSchema(classes);
                LumenDb lumen = LumenDb.start(config(db, migrations), new SimpleMeterRegistry(),
                        AmbientTransactions.NONE, generatedSchema.schema())) {
            Migrator migrator = lumen.migrator();
            UpResult up = migrator.up();
            assertThat(up.applied()).containsExactly("V99991231000000__create_fixture_shipments.sql",
                    "V99991231000100__rename_fixture_shipments_note.sql");
            MigrationStatus status = migrator.status();
            assertThat(status.currentVersion()).isEqualTo(newest);
            assertThat(status.pending()).isEmpty();
            assertThat(status.dirty()).isFalse();
            // Health compares the live catalog with the classes generated from the same folder: no drift.
            assertThat(SchemaDrift.between(lumen.dsl(), generatedSchema.schema(), "public")).isEmpty();
            assertThat(lumen.health().check().status()).isEqualTo(HealthStatus.UP);

            DownResult down = migrator.down(2);
            assertThat(down.undone()).containsExactly("V99991231000100__rename_fixture_shipments_note.sql",
                    "V99991231000000__create_fixture_shipments.sql");
            assertThat(down.currentVersion()).isEqualTo(seedNewest);
            assertThat(migrator.status().pending()).hasSize(2);
        }
        assertThat(snapshot(db)).as("catalog after down 2").isEqualTo(seedSchema);
    }

    private static LumenDb start(TestDatabase db, Path migrations) {
        return LumenDb.start(config(db, migrations), new SimpleMeterRegistry());
    }

    private static DatabaseConfig config(TestDatabase db, Path migrations) {
        Map<String, String> values = new HashMap<>(db.lumenDbProperties());
        values.put("lumen.db.migrations.locations", "filesystem:" + migrations);
        return DatabaseConfig.of(Environment.TEST, values);
    }

    /**
     * The just-compiled {@code DefaultSchema}, loaded child-first so it is not the project's own generated class
     * of the same name; jOOQ and everything else come from this test's class path.
     */
    static final class GeneratedSchema extends URLClassLoader {
        private static final String PACKAGE = "dev.lumen.db.schema.";

        GeneratedSchema(Path classes) throws IOException {
            super(new URL[] {classes.toUri().toURL()}, AddedMigrationsTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }

        Schema schema() throws ReflectiveOperationException {
            return (Schema) loadClass(PACKAGE + "DefaultSchema").getField("DEFAULT_SCHEMA").get(null);
        }
    }

    private static SchemaSnapshot snapshot(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection()) {
            return SchemaSnapshot.of(connection);
        }
    }

    private static List<String> copySqlFiles(Path from, Path to) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
                names.add(file.getFileName().toString());
            }
        }
        return names;
    }

    /**
     * Compiles the generated sources against this test's class path minus the project's own generated classes (the
     * same package), as lumen-db-schema's build would. Returns what javac printed: empty means it compiled cleanly.
     */
    private static String compile(Path sources, Path classes) throws IOException {
        List<String> arguments = new ArrayList<>();
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("lumen-db-schema"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        arguments.addAll(List.of("--release", "21", "-proc:none", "-nowarn", "-cp", classPath,
                "-d", Files.createDirectories(classes).toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = javac.run(null, printed, printed, arguments.toArray(String[]::new));
        String text = printed.toString(StandardCharsets.UTF_8);
        return code == 0 ? String.join("\n", text.lines().filter(line -> !line.startsWith("Note:")).toList())
                : "javac exit " + code + ":\n" + text;
    }
}
