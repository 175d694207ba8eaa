package dev.lumen.db.codegen.sample;

import dev.lumen.db.codegen.LumenJavaGenerator;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.UniqueKeyDefinition;

/**
 * A custom generator as a user writes one: lumen-db's generator plus a {@code describe()} method on every record with
 * a primary key, whose body names the table and the key. It ships in lumen-db-codegen's test-jar, a module built
 * before the one whose code it generates, and lumen-db-repositories' tests generate a fixture schema with it.
 */
public class DescribingGenerator extends LumenJavaGenerator {

    /** Creates the generator; jOOQ's {@code GenerationTool} calls this. */
    public DescribingGenerator() {
    }

    @Override
    protected void generateRecordClassFooter(TableDefinition table, JavaWriter out) {
        super.generateRecordClassFooter(table, out);
        UniqueKeyDefinition key = table.getPrimaryKey();
        if (key == null || key.getKeyColumns().size() != 1) {
            return;
        }
        ColumnDefinition id = key.getKeyColumns().getFirst();
        out.println();
        out.javadoc("A one-line description: the table and the primary key (added by %s).",
                DescribingGenerator.class.getSimpleName());
        out.println("public String describe() {");
        out.println("return \"%s \" + %s();", table.getName(), getStrategy().getJavaGetterName(id, Mode.RECORD));
        out.println("}");
    }
}
