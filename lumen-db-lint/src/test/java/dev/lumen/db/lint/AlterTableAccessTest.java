package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Pins the package-private jOOQ accessors that {@link AlterTableAccess} reads, for the jOOQ version in the build. */
class AlterTableAccessTest {

    private static Query parse(String sql) {
        return DSL.using(SQLDialect.POSTGRES).parser().parseQuery(sql);
    }

    @Test
    void whenJooqParsesAlterTableThenEveryAccessorTheLinterReadsExists() throws ClassNotFoundException {
        Query query = parse("ALTER TABLE t ADD COLUMN a int");
        Class<?> implementation = Class.forName(AlterTableAccess.IMPLEMENTATION);

        assertThat(AlterTableAccess.isAlterTable(query)).isTrue();
        assertThat(Arrays.stream(implementation.getDeclaredMethods())
                .filter(method -> method.getParameterCount() == 0)
                .map(java.lang.reflect.Method::getName))
                .containsAll(AlterTableAccess.ACCESSORS);
    }

    @Test
    void whenAnAlterTableIsReadThenItsPartsAreThere() {
        AlterTableAccess.Parts added = AlterTableAccess.read(parse("ALTER TABLE s.t ADD COLUMN a int NOT NULL"));
        AlterTableAccess.Parts altered = AlterTableAccess.read(parse("ALTER TABLE t ALTER COLUMN b TYPE bigint"));
        AlterTableAccess.Parts dropped = AlterTableAccess.read(parse("ALTER TABLE t DROP COLUMN c"));

        assertThat(added.table().getName()).isEqualTo("t");
        assertThat(added.addColumn()).isNotNull();
        assertThat(added.addColumnType()).isNotNull().satisfies(type -> assertThat(type.nullable()).isFalse());
        assertThat(altered.alterColumnType()).isNotNull()
                .satisfies(type -> assertThat(type.getType()).isEqualTo(Long.class));
        assertThat(dropped.dropColumns()).extracting(field -> field.getName()).containsExactly("c");
    }

    @Test
    void whenAQueryIsNotAnAlterTableThenItIsNotReadAsOne() {
        assertThat(AlterTableAccess.isAlterTable(parse("CREATE TABLE t (a int)"))).isFalse();
    }
}
