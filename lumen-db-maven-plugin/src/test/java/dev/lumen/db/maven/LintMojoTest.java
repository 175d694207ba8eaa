package dev.lumen.db.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintMojoTest {

    @TempDir
    Path migrations;

    final RecordingLog log = new RecordingLog();

    /** Keeps what the goal logs. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }

        @Override
        public void debug(CharSequence content) {
            lines.add("DEBUG " + content);
        }

        @Override
        public void debug(CharSequence content, Throwable error) {
            lines.add("DEBUG " + content);
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }
    }

    @BeforeEach
    void writeMigrations() throws IOException {
        Files.writeString(migrations.resolve("V1__create_things.sql"), """
                CREATE TABLE things (
                    id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    name text NOT NULL
                );
                """);
        Files.writeString(migrations.resolve("U1__create_things.sql"), "DROP TABLE things;\n");
        Files.writeString(migrations.resolve("V2__index_things.sql"), """
                -- Serves lookups by name.
                SET lock_timeout = '5s';
                CREATE INDEX things_name ON things (name);
                ALTER TABLE things ADD COLUMN code varchar(10);
                """);
        Files.writeString(migrations.resolve("U2__index_things.sql"), "DROP INDEX things_name;\n");
    }

    private LintMojo mojo() {
        LintMojo mojo = new LintMojo();
        mojo.setLog(log);
        mojo.migrations = migrations.toFile();
        return mojo;
    }

    @Test
    void whenFailOnViolationIsOnThenTheBuildFailsWithOneLinePerViolation() {
        Path file = migrations.resolve("V2__index_things.sql");
        LintMojo strict = mojo();
        strict.failOnViolation = true;

        assertThatExceptionOfType(MojoFailureException.class)
                .isThrownBy(strict::execute)
                .satisfies(failure -> assertThat(failure.getMessage().lines().toList()).containsExactly(
                        "lumen-db lint found 2 violations in the migrations (rules: src/docs/migration-lint.md;"
                                + " a reviewed exception takes -- lumen-lint:disable LDB0xx <reason> above its"
                                + " statement):",
                        file + ":3: LDB001 CREATE INDEX things_name on existing table things without CONCURRENTLY"
                                + " blocks writes to it until the index is built (fix: "
                                + dev.lumen.db.lint.Rule.LDB001.fix() + ")",
                        file + ":4: LDB008 column code of table things is varchar(10) where text would serve (fix: "
                                + dev.lumen.db.lint.Rule.LDB008.fix() + ")"));
        assertThat(log.lines).contains("INFO [lumen-db] Linted " + migrations
                + ": 4 files, 6 statements (0 not analysed): 2 violations.");
    }

    @Test
    void whenFailOnViolationIsLeftAtItsDefaultThenViolationsAreWarningsWithFileAndLineAndTheBuildGoesOn()
            throws MojoFailureException {
        LintMojo mojo = mojo();
        Path file = migrations.resolve("V2__index_things.sql");

        mojo.execute();

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN [lumen-db] " + file + ":3: LDB001 CREATE INDEX things_name on existing table things without"
                        + " CONCURRENTLY blocks writes to it until the index is built (fix: "
                        + dev.lumen.db.lint.Rule.LDB001.fix() + ")",
                "WARN [lumen-db] " + file + ":4: LDB008 column code of table things is varchar(10) where text would"
                        + " serve (fix: " + dev.lumen.db.lint.Rule.LDB008.fix() + ")",
                "WARN [lumen-db] lint: 2 violations reported as warnings (rules: src/docs/migration-lint.md);"
                        + " -Dlumen.db.lint.failOnViolation=true makes them fail the build.");
    }

    @Test
    void whenMavenReadsTheGoalThenFailOnViolationDefaultsToFalseUnderItsDocumentedProperty() throws Exception {
        // What Maven itself reads: the descriptor the build generated from the annotations.
        String descriptor;
        try (var in = LintMojo.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin descriptor").isNotNull();
            descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String lintGoal = descriptor.substring(descriptor.indexOf("<goal>lint</goal>"));
        lintGoal = lintGoal.substring(0, lintGoal.indexOf("</mojo>"));

        assertThat(lintGoal).containsPattern("<failOnViolation [^>]*default-value=\"false\"[^>]*>"
                + "\\$\\{lumen.db.lint.failOnViolation}</failOnViolation>");
        assertThat(new LintMojo().failOnViolation).isFalse();
    }

    @Test
    void whenRulesAreDisabledOrSuppressedThenTheGoalPasses() throws IOException, MojoFailureException {
        Files.writeString(migrations.resolve("V2__index_things.sql"), """
                SET lock_timeout = '5s';
                -- lumen-lint:disable LDB001 things is empty in every environment: it shipped an hour ago
                CREATE INDEX things_name ON things (name);
                ALTER TABLE things ADD COLUMN code varchar(10);
                """);
        LintMojo mojo = mojo();
        mojo.disabledRules = List.of("LDB008");

        mojo.execute();

        assertThat(log.lines).contains("INFO [lumen-db] Linted " + migrations
                + ": 4 files, 6 statements (0 not analysed): no violations.");
    }

    @Test
    void whenTheSeedMigrationsAreLintedThenTheGoalPassesAndSaysWhatItCouldNotParse()
            throws MojoFailureException, java.net.URISyntaxException {
        // A frozen copy of the seed (fixtures/seed): the users' migrations/ are theirs to change.
        Path folder = Path.of(LintMojoTest.class.getResource("/fixtures/seed").toURI()).toAbsolutePath().normalize();
        LintMojo mojo = mojo();
        mojo.migrations = folder.toFile();

        mojo.execute();

        assertThat(log.lines).anyMatch(line -> line.startsWith("INFO [lumen-db] Linted " + folder + ": ")
                && line.endsWith("no violations."));
        assertThat(log.lines).anyMatch(line -> line.startsWith(
                "INFO [lumen-db] Not analysed, beyond jOOQ's parser (no rule judged them): ")
                && line.contains("3 x CREATE TRIGGER"));
        assertThat(log.lines).anyMatch(line -> line.startsWith("DEBUG [lumen-db] ")
                && line.contains("V20261127100000__create_users.sql:4: CREATE FUNCTION not analysed"));
    }

    @Test
    void whenSkippedThenNothingIsRead() throws MojoFailureException {
        LintMojo mojo = mojo();
        mojo.migrations = migrations.resolve("missing").toFile();
        mojo.skip = true;

        mojo.execute();

        assertThat(log.lines).containsExactly("INFO [lumen-db] lint skipped.");
    }

    @Test
    void whenTheFolderIsMissingOrARuleIsUnknownThenTheBuildFailsSayingSo() {
        LintMojo missing = mojo();
        missing.migrations = migrations.resolve("missing").toFile();
        LintMojo unknownRule = mojo();
        unknownRule.disabledRules = List.of("LDB100");

        assertThatExceptionOfType(MojoFailureException.class)
                .isThrownBy(missing::execute)
                .withMessageStartingWith("lumen-db lint: Migrations folder not found: "
                        + migrations.resolve("missing").toAbsolutePath());
        assertThatExceptionOfType(MojoFailureException.class)
                .isThrownBy(unknownRule::execute)
                .withMessageStartingWith("lumen-db lint: Unknown lint rule 'LDB100': use one of LDB000, LDB001");
    }
}
