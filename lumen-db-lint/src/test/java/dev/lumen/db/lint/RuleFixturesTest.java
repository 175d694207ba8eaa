package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One fixture folder per rule, each breaking exactly that rule once; the clean fixtures and a frozen copy of the
 * seed schema (fixtures/seed, not the users' migrations/, which are theirs to change) pass.
 */
class RuleFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "LDB001, V20261201090000__index_users_last_name.sql, 4",
        "LDB002, V20261201090000__add_users_locale.sql, 4",
        "LDB003, V20261201090000__user_roles_assigned_by_fk.sql, 4",
        "LDB004, V20261201090000__widen_roles_position.sql, 2",
        "LDB005, V20261201090000__drop_users_last_login_at.sql, 4",
        "LDB006, V20261201090000__add_users_bio.sql, 2",
        "LDB007, V20261201090000__create_audit_events.sql, 1",
        "LDB008, V20261201090000__create_countries.sql, 2",
        "LDB009, V20261201090000__create_tags.sql, 1",
        "LDB010, V20261201090000__index_users_email_concurrently.sql, 3",
    })
    void whenAFixtureBreaksOneRuleThenExactlyThatRuleIsReportedAtItsLine(String rule, String file, int line) {
        Path folder = Lint.fixtures(rule);

        LintReport report = MigrationLinter.create().lint(folder);

        assertThat(report.violations())
                .extracting(Violation::ruleId, v -> v.file().getFileName().toString(), Violation::line)
                .containsExactly(tuple(rule, file, line));
        Violation violation = report.violations().getFirst();
        assertThat(violation.file()).isEqualTo(folder.resolve(file));
        assertThat(violation.why()).isEqualTo(Rule.byId(rule).orElseThrow().why());
        assertThat(violation.fix()).isEqualTo(Rule.byId(rule).orElseThrow().fix());
        assertThat(violation.format()).isEqualTo(folder.resolve(file) + ":" + line + ": " + rule + " "
                + violation.message() + " (fix: " + violation.fix() + ")");
        assertThat(report.warnings()).isEmpty();
        assertThat(report.notAnalysed()).isEmpty();
    }

    @Test
    void whenMigrationsFollowTheSafePatternsThenNothingIsReported() {
        LintReport report = MigrationLinter.create().lint(Lint.fixtures("clean"));

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.files()).isEqualTo(10);
        // VALIDATE CONSTRAINT is beyond jOOQ's parser; it takes no strong lock, so nothing is missed.
        assertThat(report.notAnalysed()).extracting(NotAnalysed::kind, NotAnalysed::line).containsExactly(
                tuple("ALTER TABLE VALIDATE CONSTRAINT", 3),
                tuple("ALTER TABLE VALIDATE CONSTRAINT", 4));
        assertThat(report.summary()).isEqualTo("10 files, 19 statements (2 not analysed): no violations");
    }

    @Test
    void whenTheSeedMigrationsAreLintedThenTheyPassAndTheUnparseableStatementsAreListed() {
        LintReport report = MigrationLinter.create().lint(Lint.fixtures("seed"));

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.files()).isEqualTo(8);
        // The gin_trgm_ops index is analysed: the operator class is blanked before jOOQ parses it.
        assertThat(report.notAnalysed()).noneMatch(n -> n.kind().contains("INDEX"));
        assertThat(report.notAnalysed())
                .extracting(n -> n.file().getFileName().toString(), NotAnalysed::line, NotAnalysed::kind)
                .containsExactlyInAnyOrder(
                        tuple("V20261127100000__create_users.sql", 4, "CREATE FUNCTION"),
                        tuple("V20261127100000__create_users.sql", 36, "CREATE TRIGGER"),
                        tuple("V20261127100100__create_roles.sql", 13, "CREATE TRIGGER"),
                        tuple("V20261127100300__create_new_features.sql", 2, "CREATE EXTENSION"),
                        tuple("V20261127100300__create_new_features.sql", 28, "CREATE TRIGGER"),
                        tuple("U20261127100000__create_users.sql", 2, "DROP FUNCTION"),
                        tuple("U20261127100300__create_new_features.sql", 2, "DROP EXTENSION"));
    }
}
