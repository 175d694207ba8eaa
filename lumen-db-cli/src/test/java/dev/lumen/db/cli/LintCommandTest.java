package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

    @TempDir
    Path folder;

    @Test
    void whenCleanMigrationsAreLintedThenExitZeroAndNoViolations() {
        Cli.Result result = Cli.run("migrate", "lint", "--dir", Cli.FIXTURE.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("no violations");
    }

    @Test
    void whenAMigrationBuildsAnIndexWithoutConcurrentlyThenTheRuleIsReportedWithFileAndLine() throws Exception {
        Files.writeString(folder.resolve("V2__index_users.sql"), "SET lock_timeout = '2s';\n\nCREATE INDEX idx_users_email ON users (email);\n");
        Files.writeString(folder.resolve("U2__index_users.sql"), "DROP INDEX idx_users_email;\n");

        Cli.Result result = Cli.run("migrate", "lint", "--dir", folder.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(result.out()).contains("V2__index_users.sql:3: LDB001");
        assertThat(Cli.run("migrate", "lint", "--dir", folder.toString(), "--disable", "LDB001").exitCode()).isZero();
    }
}
