package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementRewriterTest {

    private static List<ParseUnit> units(String sql) {
        List<SqlStatement> statements = StatementSplitter.split(SqlLexer.lex(sql));
        assertThat(statements).hasSize(1);
        return StatementRewriter.units(statements.getFirst());
    }

    private static String squeezed(ParseUnit unit) {
        return unit.sql().strip().replaceAll("\\s+", " ");
    }

    @Test
    void whenAnIndexIsCreatedConcurrentlyThenTheClauseIsLiftedAndNothingMoves() {
        String sql = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY t USING gin (\n"
                + "  lower(name) gin_trgm_ops, (a + b) DESC, c COLLATE \"C\" text_pattern_ops NULLS LAST)\n"
                + "  INCLUDE (d) NULLS NOT DISTINCT WITH (fillfactor = 70) TABLESPACE fast WHERE e IS NULL";

        ParseUnit unit = units(sql).getFirst();

        assertThat(unit.has(Clause.CONCURRENTLY)).isTrue();
        assertThat(unit.sql()).hasSameSizeAs(sql);
        assertThat(unit.sql().lines().count()).isEqualTo(sql.lines().count());
        assertThat(squeezed(unit)).isEqualTo("CREATE UNIQUE INDEX IF NOT EXISTS i ON t USING gin ( lower(name) ,"
                + " (a + b) DESC, c COLLATE \"C\" NULLS LAST) INCLUDE (d) WHERE e IS NULL");
    }

    @Test
    void whenAnAlterTableHasSeveralActionsThenEachIsAUnitWithItsOwnClauses() {
        List<ParseUnit> units = units("""
                ALTER TABLE IF EXISTS ONLY public.t *
                    ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID,
                    ALTER COLUMN b TYPE bigint USING b::bigint,
                    ADD CONSTRAINT ck CHECK (c IN (1, 2))""");

        assertThat(units).extracting(StatementRewriterTest::squeezed).containsExactly(
                "ALTER TABLE IF EXISTS ONLY public.t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)",
                "ALTER TABLE IF EXISTS ONLY public.t ALTER COLUMN b TYPE bigint",
                "ALTER TABLE IF EXISTS ONLY public.t ADD CONSTRAINT ck CHECK (c IN (1, 2))");
        assertThat(units).extracting(unit -> unit.has(Clause.NOT_VALID)).containsExactly(true, false, false);
        assertThat(units).extracting(ParseUnit::label)
                .containsExactly("ALTER TABLE ADD CONSTRAINT", "ALTER TABLE ALTER COLUMN",
                        "ALTER TABLE ADD CONSTRAINT");
    }

    @Test
    void whenSeveralTablesOrIndexesAreDroppedThenEachIsAUnit() {
        assertThat(units("DROP TABLE IF EXISTS a, s.b CASCADE")).extracting(StatementRewriterTest::squeezed)
                .containsExactly("DROP TABLE IF EXISTS a CASCADE", "DROP TABLE IF EXISTS s.b CASCADE");
        List<ParseUnit> indexes = units("DROP INDEX CONCURRENTLY i");
        assertThat(indexes).extracting(StatementRewriterTest::squeezed).containsExactly("DROP INDEX i");
        assertThat(indexes.getFirst().has(Clause.CONCURRENTLY)).isTrue();
    }

    @Test
    void whenSetLocalIsWrittenWithToThenJooqGetsAnEqualsSignAndTheLocalClause() {
        ParseUnit unit = units("SET LOCAL lock_timeout TO '5s'").getFirst();

        assertThat(squeezed(unit)).isEqualTo("SET lock_timeout = '5s'");
        assertThat(unit.has(Clause.LOCAL)).isTrue();
        assertThat(units("SET SESSION lock_timeout = 0").getFirst().has(Clause.LOCAL)).isFalse();
    }

    @Test
    void whenKeywordsAreInsideStringsThenNothingIsRewritten() {
        String sql = "ALTER TABLE t ADD COLUMN a text DEFAULT 'NOT VALID, CONCURRENTLY'";

        List<ParseUnit> units = units(sql);

        assertThat(units).singleElement().satisfies(unit -> {
            assertThat(unit.sql()).isEqualTo(sql);
            assertThat(unit.clauses()).isEmpty();
        });
    }
}
