package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undo scripts restore the previous schema inside lumen-db's transactional down: only some rules judge them. */
class UndoScriptRulesTest {

    private static final String UNDO_BODY = """
            DROP INDEX idx_users_last_name;
            DROP TABLE audit_events;
            ALTER TABLE users DROP COLUMN bio, ADD COLUMN legacy text NOT NULL;
            ALTER TABLE users ALTER COLUMN position TYPE integer;
            ALTER TABLE users ADD CONSTRAINT users_fk FOREIGN KEY (team_id) REFERENCES teams (id);
            CREATE INDEX idx_users_bio ON users (bio);
            CREATE TABLE old_codes (id serial PRIMARY KEY, code varchar(4));
            """;

    @Test
    void whenAnUndoScriptDropsAndRebuildsThenOnlyTheSchemaContentAndFailureRulesJudgeIt() {
        LintReport report = MigrationLinter.create().lintScript("U20261201090000__x.sql", UNDO_BODY);

        // LDB001, LDB003, LDB005 and LDB006 do not apply: down runs in one transaction (CONCURRENTLY is impossible
        // there, restoring means recreating exactly) and sets lock_timeout itself.
        assertThat(Lint.found(report)).containsExactly("LDB002@3", "LDB004@4", "LDB007@7", "LDB008@7");
    }

    @Test
    void whenTheSameStatementsAreAForwardMigrationThenEveryRuleJudgesThem() {
        LintReport report = MigrationLinter.create().lintScript("V20261201090000__x.sql", UNDO_BODY);

        assertThat(report.violations()).extracting(Violation::ruleId).containsOnly(
                "LDB001", "LDB002", "LDB003", "LDB004", "LDB005", "LDB006", "LDB007", "LDB008");
    }

    @Test
    void whenAFolderHoldsUndoScriptsRepeatablesAndAMisnamedUndoThenOnlyVersionedMigrationsNeedAPair(
            @TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__create_a.sql"), "CREATE TABLE a (id uuid PRIMARY KEY);\n");
        Files.writeString(folder.resolve("U1__create_a.sql"), "DROP TABLE a;\n");
        Files.writeString(folder.resolve("V2__create_b.sql"), "CREATE TABLE b (id uuid PRIMARY KEY);\n");
        Files.writeString(folder.resolve("U2__create_bee.sql"), "DROP TABLE b;\n");
        Files.writeString(folder.resolve("R__views.sql"), "CREATE VIEW v AS SELECT 1;\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/V3__create_c.sql"), "CREATE TABLE c (id uuid PRIMARY KEY);\n");
        Files.writeString(folder.resolve("sub/U3__create_c.sql"), "DROP TABLE c;\n");

        LintReport report = MigrationLinter.create().lint(folder);

        assertThat(report.violations()).extracting(v -> v.file().getFileName().toString(), Violation::message)
                .containsExactly(org.assertj.core.api.Assertions.tuple("V2__create_b.sql",
                        "no undo script U2__create_b.sql beside this migration"));
        assertThat(report.files()).isEqualTo(7);
    }
}
