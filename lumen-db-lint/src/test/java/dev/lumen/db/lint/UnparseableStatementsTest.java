package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** Statements jOOQ cannot parse never crash the linter; they are listed, and the statements around them still count. */
class UnparseableStatementsTest {

    @Test
    void whenStatementsAreBeyondJooqThenTheyAreListedWithTheirLinesAndTheRestIsStillJudged() {
        LintReport report = Lint.migration("""
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.updated_at := now(); -- a semicolon inside the body
                    RETURN NEW;
                END;
                $$;
                CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                this is not sql at all;
                ALTER TABLE users VALIDATE CONSTRAINT users_fk, ADD COLUMN nickname varchar(20);
                CREATE TABLE t (id int PRIMARY KEY);
                """);

        assertThat(report.notAnalysed()).extracting(NotAnalysed::line, NotAnalysed::kind).containsExactly(
                tuple(1, "CREATE FUNCTION"),
                tuple(7, "CREATE TRIGGER"),
                tuple(8, "CREATE EXTENSION"),
                tuple(9, "THIS"),
                tuple(10, "ALTER TABLE VALIDATE CONSTRAINT"));
        assertThat(report.notAnalysed()).allSatisfy(n -> assertThat(n.reason()).startsWith("jOOQ's parser"));
        // The ADD COLUMN action beside the unparseable VALIDATE is still judged, and so is the last statement.
        assertThat(Lint.found(report)).containsExactly("LDB006@10", "LDB008@10", "LDB007@11");
        assertThat(report.statements()).isEqualTo(6);
    }

    @Test
    void whenAStringIsNeverClosedThenTheLinterReportsTheStatementAsNotAnalysed() {
        LintReport report = Lint.migration("SET lock_timeout = '5s';\nCREATE TABLE t (a text DEFAULT 'oops);\n");

        assertThat(report.violations()).isEmpty();
        assertThat(report.notAnalysed()).extracting(NotAnalysed::line, NotAnalysed::kind)
                .containsExactly(tuple(2, "CREATE TABLE"));
        assertThat(report.notAnalysed().getFirst().format()).startsWith("V1__test.sql:2: CREATE TABLE not analysed (");
    }

    @Test
    void whenTheScriptIsEmptyOrOnlyCommentsThenTheReportIsEmpty() {
        assertThat(Lint.migration("").statements()).isZero();
        assertThat(Lint.migration("-- nothing\n/* at all */\n;\n").summary())
                .isEqualTo("1 file, 0 statements (0 not analysed): no violations");
    }
}
