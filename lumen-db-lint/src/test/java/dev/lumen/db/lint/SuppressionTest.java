package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class SuppressionTest {

    @Test
    void whenADisableCommentPrecedesAStatementThenOnlyThatStatementAndRuleAreSuppressed() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                -- lumen-lint:disable LDB001 users has 40 rows in every environment
                CREATE INDEX idx_a ON users (a);
                CREATE INDEX idx_b ON users (b);
                """);

        assertThat(Lint.found(report)).containsExactly("LDB001@4");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void whenADisableCommentNamesSeveralRulesOrSitsInsideTheStatementThenAllAreSuppressed() {
        LintReport report = Lint.migration("""
                /* lumen-lint:disable LDB001, LDB006 -- the table is tiny and
                   only this service writes it */
                CREATE INDEX idx_a ON users (a);
                ALTER TABLE users
                    -- lumen-lint:disable LDB005 the column was unused since release 41
                    DROP COLUMN legacy;
                """);

        assertThat(Lint.found(report)).containsExactly("LDB006@4");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void whenADisableFileCommentIsAnywhereThenTheRuleIsSuppressedInTheWholeFileOnly() {
        String sql = """
                CREATE TABLE legacy_codes (id uuid PRIMARY KEY, code char(4), label varchar(80));
                CREATE TABLE more_codes (id uuid PRIMARY KEY, code char(4));
                -- lumen-lint:disable-file LDB008 mirrors the mainframe's fixed-width export
                """;

        assertThat(Lint.migration(sql).violations()).isEmpty();
        assertThat(Lint.found(Lint.migration("CREATE TABLE t (id uuid PRIMARY KEY, code char(4));")))
                .containsExactly("LDB008@1");
    }

    @Test
    void whenASuppressionGivesNoReasonThenItStillSuppressesButIsReportedAsLdb000() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                -- lumen-lint:disable LDB001
                CREATE INDEX idx_a ON users (a);
                """);

        assertThat(report.violations()).extracting(Violation::ruleId, Violation::line, Violation::message)
                .containsExactly(tuple("LDB000", 2,
                        "suppression comment: lumen-lint:disable LDB001 gives no reason; say why the change is safe"));
    }

    @Test
    void whenASuppressionNamesAnUnknownRuleOrNoRuleOrAnUnknownVerbThenEachIsLdb000() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                -- lumen-lint:disable LDB01 typo in the id
                -- lumen-lint:disable because I said so
                -- lumen-lint:enable LDB001 not a thing
                -- lumen-lint:disable LDB000 cannot be switched off
                CREATE INDEX idx_a ON users (a);
                """);

        assertThat(report.violations()).extracting(Violation::ruleId, Violation::line, Violation::message)
                .containsExactly(
                        tuple("LDB000", 2, "suppression comment: lumen-lint:disable names unknown rule LDB01"),
                        tuple("LDB000", 3, "suppression comment: lumen-lint:disable names no rule; write"
                                + " lumen-lint:disable LDB0xx <reason>"),
                        tuple("LDB000", 4, "suppression comment: unknown directive lumen-lint:enable; write"
                                + " lumen-lint:disable or lumen-lint:disable-file"),
                        tuple("LDB000", 5, "suppression comment: lumen-lint:disable cannot suppress LDB000"),
                        tuple("LDB001", 6, report.violationsOf("LDB001").getFirst().message()));
    }

    @Test
    void whenASuppressionSuppressesNothingThenItIsAWarningNotAViolation() {
        LintReport report = Lint.migration("""
                -- lumen-lint:disable LDB004 nothing changes type here
                CREATE TABLE t (id uuid PRIMARY KEY);
                -- lumen-lint:disable-file LDB007 no integer keys at all
                -- lumen-lint:disable LDB001 nothing follows
                """);

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).extracting(Violation::line, Violation::message).containsExactly(
                tuple(1, "lumen-lint:disable LDB004 suppresses nothing in the statement after it"),
                tuple(3, "lumen-lint:disable-file LDB007 suppresses nothing in this file"),
                tuple(4, "lumen-lint:disable is not followed by a statement"));
    }

    @Test
    void whenAnUndoScriptSuppressesARuleThatDoesNotJudgeItThenTheWarningSaysSo() {
        LintReport report = MigrationLinter.create().lintScript("U1__test.sql", """
                -- lumen-lint:disable LDB005 undo scripts drop what their migration made
                DROP TABLE things;
                """);

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).extracting(Violation::message).containsExactly(
                "lumen-lint:disable LDB005 suppresses nothing in the statement after it (LDB005 does not judge"
                        + " this kind of file)");
    }
}
