package dev.lumen.db.lint;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Constraint;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableElement;
import org.jspecify.annotations.Nullable;

/**
 * Reads jOOQ's parsed {@code ALTER TABLE}. jOOQ's open-source edition parses {@code ALTER TABLE} into
 * {@code org.jooq.impl.AlterTableImpl} but does not publish a {@code QOM.AlterTable} interface for it (it is
 * marked {@code QOM.UNotYetImplemented}); the model is there, behind package-private accessors named like the
 * rest of the query object model ({@code $table()}, {@code $addColumn()}, ...). This class, and only this class,
 * reads them reflectively. {@code AlterTableAccessTest} pins the accessors for the jOOQ version in the build, so
 * an upgrade that renames them fails a test instead of silently skipping every {@code ALTER TABLE}.
 *
 * <p>Reflection into jOOQ works on the class path (as in Maven and in tests). On the module path, open
 * {@code org.jooq/org.jooq.impl} to this module; otherwise {@code ALTER TABLE} statements are reported as
 * not analysed.
 */
final class AlterTableAccess {

    /** The class jOOQ parses {@code ALTER TABLE} into. */
    static final String IMPLEMENTATION = "org.jooq.impl.AlterTableImpl";

    /** Accessors read, all without arguments. */
    static final List<String> ACCESSORS = List.of("$table", "$add", "$addColumn", "$addColumnType",
            "$addConstraint", "$alterColumn", "$alterColumnType", "$renameTo", "$renameColumn", "$renameColumnTo",
            "$dropColumns");

    private static final Map<String, Method> METHODS = new HashMap<>();

    private AlterTableAccess() {
    }

    /**
     * Whether a parsed query is an {@code ALTER TABLE}.
     *
     * @param query a query from jOOQ's parser
     * @return true for {@code ALTER TABLE}
     */
    static boolean isAlterTable(Query query) {
        return query.getClass().getName().equals(IMPLEMENTATION);
    }

    /**
     * The parsed elements of an {@code ALTER TABLE}.
     *
     * @param query an {@code ALTER TABLE} from jOOQ's parser
     * @return its parts
     * @throws IllegalStateException when jOOQ's model cannot be read
     */
    static Parts read(Query query) {
        return new Parts(
                (Table<?>) require(get(query, "$table"), "$table"),
                list(get(query, "$add"), TableElement.class),
                (Field<?>) get(query, "$addColumn"),
                (DataType<?>) get(query, "$addColumnType"),
                (Constraint) get(query, "$addConstraint"),
                (Field<?>) get(query, "$alterColumn"),
                (DataType<?>) get(query, "$alterColumnType"),
                (Table<?>) get(query, "$renameTo"),
                (Field<?>) get(query, "$renameColumn"),
                (Field<?>) get(query, "$renameColumnTo"),
                list(get(query, "$dropColumns"), Field.class));
    }

    /**
     * The raw parts of an {@code ALTER TABLE}, as jOOQ holds them.
     *
     * @param table           the altered table
     * @param add             elements of a multi-element {@code ADD}
     * @param addColumn       the column of a single {@code ADD COLUMN}
     * @param addColumnType   its type
     * @param addConstraint   the constraint of a single {@code ADD CONSTRAINT}
     * @param alterColumn     the column of {@code ALTER COLUMN}
     * @param alterColumnType its new type, for {@code ALTER COLUMN ... TYPE}
     * @param renameTo        the new table name of {@code RENAME TO}
     * @param renameColumn    the old column name of {@code RENAME COLUMN}
     * @param renameColumnTo  the new column name of {@code RENAME COLUMN}
     * @param dropColumns     the columns of {@code DROP COLUMN}
     */
    record Parts(Table<?> table, List<TableElement> add, @Nullable Field<?> addColumn,
            @Nullable DataType<?> addColumnType, @Nullable Constraint addConstraint, @Nullable Field<?> alterColumn,
            @Nullable DataType<?> alterColumnType, @Nullable Table<?> renameTo, @Nullable Field<?> renameColumn,
            @Nullable Field<?> renameColumnTo, List<Field<?>> dropColumns) {
    }

    private static @Nullable Object get(Query query, String accessor) {
        try {
            return method(query.getClass(), accessor).invoke(query);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("jOOQ's ALTER TABLE model cannot be read (" + accessor + "): " + e, e);
        }
    }

    private static synchronized Method method(Class<?> type, String accessor) throws ReflectiveOperationException {
        Method method = METHODS.get(accessor);
        if (method == null) {
            method = type.getDeclaredMethod(accessor);
            method.setAccessible(true);
            METHODS.put(accessor, method);
        }
        return method;
    }

    private static Object require(@Nullable Object value, String accessor) {
        if (value == null) {
            throw new IllegalStateException("jOOQ's ALTER TABLE model has no " + accessor);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(@Nullable Object value, Class<?> elementType) {
        if (value == null) {
            return List.of();
        }
        List<?> raw = (List<?>) value;
        for (Object element : raw) {
            if (!elementType.isInstance(element)) {
                throw new IllegalStateException("jOOQ's ALTER TABLE model holds an unexpected " + element.getClass());
            }
        }
        return (List<T>) List.copyOf(raw);
    }
}
