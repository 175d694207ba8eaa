package dev.lumen.db.core.statement;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

/**
 * Makes records of a table from the values of its columns, attached to the configuration that fetched them, as
 * jOOQ attaches the records it fetches. Profiling showed where the obvious ways lose time: {@code table.newRecord()}
 * builds a {@code DSLContext} per record, and setting the primary key of a record that is not attached builds a
 * whole {@code DefaultConfiguration} to read one setting; {@code fromArray} converts every value again. So: the
 * generated no-argument constructor, attach, then {@code set} each value.
 *
 * @param <R> the record type
 */
public final class RecordFactory<R extends Record> implements RowMaker<R> {

    private final Table<R> table;
    private final Field<?>[] fields;
    private final @Nullable MethodHandle constructor;

    private RecordFactory(Table<R> table) {
        this.table = table;
        this.fields = table.fields();
        this.constructor = noArgumentConstructor(table.getRecordType());
    }

    /**
     * The factory for a table's records.
     *
     * @param table the table; the values given to {@link #row} are its {@code fields()}, in order
     * @param <R>   the record type
     * @return a thread-safe factory
     */
    public static <R extends Record> RecordFactory<R> of(Table<R> table) {
        return new RecordFactory<>(table);
    }

    /**
     * A record holding {@code values}, unchanged, like a fetched one.
     *
     * @param configuration what the record is attached to
     * @param values        one value per field of the table, in order
     * @return the record
     */
    @Override
    @SuppressWarnings("unchecked")
    public R row(Configuration configuration, @Nullable Object[] values) {
        R record = empty();
        record.attach(configuration);
        for (int i = 0; i < fields.length; i++) {
            record.set((Field<Object>) fields[i], values[i]);
        }
        record.changed(false);
        return record;
    }

    @SuppressWarnings("unchecked")
    private R empty() {
        if (constructor == null) {
            return table.newRecord();
        }
        try {
            return (R) (Record) constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot make a " + table.getName() + " record", e);
        }
    }

    private static @Nullable MethodHandle noArgumentConstructor(Class<?> type) {
        try {
            return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Record.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // not a generated record: the generic way
        }
    }

    @Override
    public String toString() {
        return "RecordFactory[" + table.getName() + "]";
    }
}
