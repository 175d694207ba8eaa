package dev.lumen.db.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionControlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN; DROP TABLE new_features; COMMIT; | BEGIN | 1",
        "DROP TABLE a;\\n-- done\\nCOMMIT; | COMMIT | 3",
        "drop table a; end; | END | 1",
        "SELECT 1;\\n\\n  rollback to savepoint s | ROLLBACK | 3",
        "SAVEPOINT s; | SAVEPOINT | 1",
        "START TRANSACTION ISOLATION LEVEL SERIALIZABLE; | START | 1",
        "PREPARE TRANSACTION 'x' | PREPARE | 1",
        "/* a /* nested */ comment */ abort | ABORT | 1",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; COMMIT; | COMMIT | 1"
    })
    void whenAScriptControlsTheTransactionThenTheStatementAndLineAreFound(String sql, String keyword, int line) {
        assertThat(TransactionControl.find(sql.replace("\\n", "\n")))
                .hasValueSatisfying(found -> {
                    assertThat(found.keyword()).isEqualTo(keyword);
                    assertThat(found.line()).isEqualTo(line);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$;",
        "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN COMMIT; END $body$;",
        "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;",
        "INSERT INTO notes VALUES ('COMMIT; BEGIN'); -- COMMIT\nSELECT \"commit\" FROM t;",
        "INSERT INTO notes VALUES (E'it\\'s; COMMIT'); /* ROLLBACK */",
        "PREPARE q AS SELECT $1; EXECUTE q(1);",
        "DO $$ BEGIN PERFORM 1; END $$; CREATE TABLE begin_end (id int);"
    })
    void whenTransactionWordsOnlyAppearInBodiesStringsOrCommentsThenNothingIsFound(String sql) {
        assertThat(TransactionControl.find(sql)).isEmpty();
    }
}
