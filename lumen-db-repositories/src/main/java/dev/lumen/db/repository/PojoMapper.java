package dev.lumen.db.repository;

import dev.lumen.db.core.statement.RowMaker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.impl.DefaultRecordMapper;
import org.jspecify.annotations.Nullable;

/**
 * jOOQ's reflective mapper from a table's records to a value type, built once; when the type is the table's
 * generated POJO record (one component per column, same names and types, in order), also a {@link RowMaker} that
 * calls its canonical constructor with the column values, so the direct path needs no jOOQ record at all.
 *
 * @param <R> the record type
 * @param <T> the value type
 */
final class PojoMapper<R extends Record, T> implements RecordMapper<R, T> {

    private final RecordMapper<R, T> records;
    private final @Nullable RowMaker<T> values;

    PojoMapper(Table<R> table, Class<T> type) {
        this.records = new DefaultRecordMapper<>(table.recordType(), type);
        this.values = canonicalConstructor(table, type);
    }

    @Override
    public T map(R record) {
        return records.map(record);
    }

    /** The row maker from column values, or {@code null} when the type is not the table's generated POJO. */
    @Nullable RowMaker<T> values() {
        return values;
    }

    private static <T> @Nullable RowMaker<T> canonicalConstructor(Table<?> table, Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Field<?>[] fields = table.fields();
        if (components == null || components.length != fields.length) {
            return null;
        }
        Class<?>[] parameters = new Class<?>[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (!components[i].getName().equals(camelCase(fields[i].getName()))
                    || components[i].getType() != fields[i].getType()) {
                return null;
            }
            parameters[i] = components[i].getType();
        }
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup()
                    .findConstructor(type, MethodType.methodType(void.class, parameters))
                    .asSpreader(Object[].class, parameters.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
        return (configuration, row) -> {
            try {
                return type.cast(constructor.invokeExact(row));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot make a " + type.getSimpleName(), e);
            }
        };
    }

    /** The component name jOOQ's generator gives a column: {@code password_hash} becomes {@code passwordHash}. */
    private static String camelCase(String column) {
        StringBuilder name = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = name.length() > 0;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
