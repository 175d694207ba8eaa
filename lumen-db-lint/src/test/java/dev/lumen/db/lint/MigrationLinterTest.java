package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLinterTest {

    @Test
    void whenRulesAreDisabledThenTheyAreNotReportedAndNotWarnedAbout() {
        String sql = """
                -- lumen-lint:disable LDB006 the migrator sets lock_timeout
                ALTER TABLE users ADD COLUMN bio varchar(10);
                """;

        LintReport all = MigrationLinter.create().withDisabledRules(List.of("LDB008")).lintScript("V1__x.sql", sql);
        LintReport without = MigrationLinter.create().withDisabledRules(List.of("ldb006", "LDB008"))
                .lintScript("V1__x.sql", sql);

        assertThat(all.violations()).isEmpty();
        assertThat(all.warnings()).isEmpty();
        assertThat(without.violations()).isEmpty();
        assertThat(without.warnings()).isEmpty();
        assertThat(MigrationLinter.create().withDisabledRules(List.of("LDB006")).rules())
                .doesNotContain(Rule.LDB006).contains(Rule.LDB000, Rule.LDB001, Rule.LDB009);
    }

    @Test
    void whenAnUnknownOrUndisableableRuleIsDisabledThenTheErrorSaysWhichIdsExist() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> MigrationLinter.create().withDisabledRules(List.of("LDB042")))
                .withMessage("Unknown lint rule 'LDB042': use one of LDB000, LDB001, LDB002, LDB003, LDB004, LDB005,"
                        + " LDB006, LDB007, LDB008, LDB009, LDB010.");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> MigrationLinter.create().withDisabledRules(List.of("LDB000")))
                .withMessage("LDB000 cannot be switched off.");
    }

    @Test
    void whenTheFolderIsMissingThenTheErrorNamesIt(@TempDir Path folder) {
        Path missing = folder.resolve("nope");

        assertThatExceptionOfType(LintException.class)
                .isThrownBy(() -> MigrationLinter.create().lint(missing))
                .withMessageStartingWith("Migrations folder not found: " + missing.toAbsolutePath());
    }

    @Test
    void whenAFileIsNotUtf8ThenTheErrorNamesTheFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("V1__latin1.sql");
        Files.write(file, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\''});
        Files.writeString(folder.resolve("U1__latin1.sql"), "SELECT 1;");

        assertThatExceptionOfType(LintException.class)
                .isThrownBy(() -> MigrationLinter.create().lint(folder))
                .withMessage("Cannot read " + file.toAbsolutePath() + ": it is not UTF-8 text.");
    }

    @Test
    void whenAFileStartsWithAByteOrderMarkThenLinesAndStatementsAreUnaffected(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("V1__bom.sql"), "\uFEFFCREATE TABLE t (id int PRIMARY KEY);\n");
        Files.writeString(folder.resolve("U1__bom.sql"), "DROP TABLE t;\n");

        LintReport report = MigrationLinter.create().lint(folder);

        assertThat(Lint.found(report)).containsExactly("LDB007@1");
        assertThat(report.notAnalysed()).isEmpty();
    }

    @Test
    void whenSeveralFilesBreakRulesThenTheReportIsOrderedByFileLineAndRule(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V2__b.sql"), "\n\nALTER TABLE users ADD COLUMN a varchar(5);\n");
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n");

        LintReport report = MigrationLinter.create().lint(folder);

        assertThat(report.violations()).extracting(v -> v.file().getFileName() + ":" + v.line() + ":" + v.ruleId())
                .containsExactly("V1__a.sql:1:LDB007", "V1__a.sql:1:LDB009", "V2__b.sql:1:LDB009",
                        "V2__b.sql:3:LDB006", "V2__b.sql:3:LDB008");
        assertThat(report.isClean()).isFalse();
        assertThat(report.summary()).isEqualTo("2 files, 2 statements (0 not analysed): 5 violations");
    }
}
