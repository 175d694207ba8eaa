package dev.lumen.db.repository;

import dev.lumen.db.core.statement.RenderedQuery;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Where a query's values go. Repository queries are written once as a function of {@code Binds}: for the direct
 * path each value becomes a numbered placeholder and is remembered, so the SQL is rendered once per shape and only
 * the values are bound afterwards; for jOOQ's path ({@link #inline()}) each value is an ordinary bind value.
 *
 * <pre>{@code
 * fetch(scope, Shape.BY_NAME, binds -> dsl.selectFrom(ROLES).where(ROLES.NAME.eq(binds.value(ROLES.NAME, name))));
 * }</pre>
 */
public final class Binds {

    private final boolean placeholders;
    private final List<@Nullable Object> values = new ArrayList<>();

    private Binds(boolean placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * Binds that turn values into ordinary jOOQ bind values, for queries run through jOOQ.
     *
     * @return the binds
     */
    public static Binds inline() {
        return new Binds(false);
    }

    /** Binds that turn values into numbered placeholders and remember them, for the direct path. */
    static Binds placeholders() {
        return new Binds(true);
    }

    /**
     * A value compared with, or written to, a column.
     *
     * @param like  the column (its type types the value)
     * @param value the value
     * @param <T>   the value type
     * @return the field to use in the query instead of the value
     */
    public <T> Field<T> value(Field<T> like, @Nullable T value) {
        return value(like.getDataType(), value);
    }

    /**
     * A value of a type.
     *
     * @param type  its data type (for example {@code SQLDataType.UUID.array()})
     * @param value the value
     * @param <T>   the value type
     * @return the field to use in the query instead of the value
     */
    public <T> Field<T> value(DataType<T> type, @Nullable T value) {
        if (!placeholders) {
            return DSL.val(value, type);
        }
        Field<T> placeholder = RenderedQuery.placeholder(values.size(), type);
        values.add(value);
        return placeholder;
    }

    /** The values given so far, in placeholder order. */
    @Nullable Object[] values() {
        return values.toArray();
    }
}
