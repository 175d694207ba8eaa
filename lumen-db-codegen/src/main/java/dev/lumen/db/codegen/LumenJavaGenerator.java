package dev.lumen.db.codegen;

import java.time.OffsetDateTime;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaGenerator;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;
import org.jspecify.annotations.Nullable;

/**
 * jOOQ's {@link JavaGenerator} with lumen-db's customisations ({@link LumenOptions}): the configured strategy is
 * wrapped in a {@link LumenGeneratorStrategy}, and records, POJOs and tables that it declares {@code SoftDeletable} /
 * {@code Timestamped} get the methods those interfaces need. Extend it (and call {@code super} in the footers you
 * override) to add your own methods; see the README's "Extending generated records".
 */
public class LumenJavaGenerator extends JavaGenerator {

    private @Nullable LumenOptions options;

    /** Creates the generator; jOOQ's {@code GenerationTool} calls this. */
    public LumenJavaGenerator() {
    }

    @Override
    public void setStrategy(GeneratorStrategy strategy) {
        super.setStrategy(strategy instanceof LumenGeneratorStrategy ? strategy : new LumenGeneratorStrategy(strategy));
    }

    /**
     * lumen-db's options for this run.
     *
     * @param table any table of the run
     * @return the options
     */
    protected final LumenOptions options(TableDefinition table) {
        LumenOptions known = options;
        if (known == null) {
            known = LumenOptions.of(table.getDatabase());
            options = known;
        }
        return known;
    }

    @Override
    protected void generateRecordClassFooter(TableDefinition table, JavaWriter out) {
        super.generateRecordClassFooter(table, out);
        accessors(table, out, Mode.RECORD);
    }

    @Override
    protected void generatePojoClassFooter(TableDefinition table, JavaWriter out) {
        super.generatePojoClassFooter(table, out);
        // A Java record's components already are deletedAt(), createdAt() and updatedAt().
        if (!generatePojosAsJavaRecordClasses()) {
            accessors(table, out, Mode.POJO);
        }
    }

    @Override
    protected void generateTableClassFooter(TableDefinition table, JavaWriter out) {
        super.generateTableClassFooter(table, out);
        if (table.isTableValuedFunction()) {
            return;
        }
        String record = out.ref(getStrategy().getFullJavaClassName(table, Mode.RECORD));
        String tableField = out.ref("org.jooq.TableField");
        String time = out.ref(OffsetDateTime.class);
        if (LumenColumns.softDeletes(options(table), table)) {
            columnMethod(out, tableField, record, time, "deletedAtColumn", table, LumenColumns.DELETED_AT);
        }
        if (LumenColumns.timestamped(options(table), table)) {
            columnMethod(out, tableField, record, time, "createdAtColumn", table, LumenColumns.CREATED_AT);
            columnMethod(out, tableField, record, time, "updatedAtColumn", table, LumenColumns.UPDATED_AT);
        }
    }

    private void columnMethod(JavaWriter out, String tableField, String record, String time, String method,
            TableDefinition table, String column) {
        ColumnDefinition definition = table.getColumn(column);
        out.println();
        out.override();
        out.println("public %s<%s, %s> %s() {", tableField, record, time, method);
        out.println("return %s;", getStrategy().getJavaIdentifier(definition));
        out.println("}");
    }

    private void accessors(TableDefinition table, JavaWriter out, Mode mode) {
        String time = out.ref(OffsetDateTime.class);
        if (LumenColumns.softDeletes(options(table), table)) {
            accessor(out, time, "deletedAt", table.getColumn(LumenColumns.DELETED_AT), mode);
        }
        if (LumenColumns.timestamped(options(table), table)) {
            accessor(out, time, "createdAt", table.getColumn(LumenColumns.CREATED_AT), mode);
            accessor(out, time, "updatedAt", table.getColumn(LumenColumns.UPDATED_AT), mode);
        }
    }

    private void accessor(JavaWriter out, String time, String method, ColumnDefinition column, Mode mode) {
        out.println();
        out.override();
        out.println("public %s %s() {", time, method);
        out.println("return %s();", getStrategy().getJavaGetterName(column, mode));
        out.println("}");
    }
}
