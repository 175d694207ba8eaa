package dev.lumen.db.core.statement;

import java.io.Closeable;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Configuration;
import org.jooq.Converter;
import org.jooq.ConverterContext;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.ExecuteContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Binds and reads a value with the column's own jOOQ {@link Binding} (its converter included), as jOOQ's path
 * does, but on a statement the direct path prepared itself: for enums, arrays, intervals, JSON, converted and
 * custom-bound columns the direct path then sends and returns exactly what jOOQ would. The contexts carry the
 * configuration the query was rendered with; there is no {@link ExecuteContext} ({@code executeContext()} is
 * null), which jOOQ's bindings of these types do not need (the type-matrix test proves each type both ways).
 */
final class JooqBinding {

    private JooqBinding() {
    }

    @SuppressWarnings("unchecked")
    static JdbcValues.Setter setter(DataType<?> type, Configuration configuration) {
        Binding<Object, Object> binding = (Binding<Object, Object>) type.getBinding();
        return (statement, index, value) -> binding.set(new SetContext<>(configuration, statement, index, value));
    }

    @SuppressWarnings("unchecked")
    static JdbcValues.Getter getter(DataType<?> type, Configuration configuration) {
        Binding<Object, Object> binding = (Binding<Object, Object>) type.getBinding();
        Field<Object> field = (Field<Object>) DSL.field(DSL.name("value"), type);
        return (rows, index) -> {
            GetContext<Object> context = new GetContext<>(configuration, rows, index, field);
            binding.get(context);
            return context.value;
        };
    }

    /** What every context of this class shares: the configuration and per-context data. */
    private abstract static class Scope implements ConverterContext {

        final Configuration configuration;
        private @Nullable Map<Object, Object> data;

        Scope(Configuration configuration) {
            this.configuration = configuration;
        }

        @Override
        public Instant creationTime() {
            return Instant.EPOCH;
        }

        @Override
        public Configuration configuration() {
            return configuration;
        }

        @Override
        public DSLContext dsl() {
            return configuration.dsl();
        }

        @Override
        public Settings settings() {
            return configuration.settings();
        }

        @Override
        public SQLDialect dialect() {
            return configuration.dialect();
        }

        @Override
        public SQLDialect family() {
            return configuration.family();
        }

        @Override
        public Map<Object, Object> data() {
            if (data == null) {
                data = new HashMap<>();
            }
            return data;
        }

        @Override
        public @Nullable Object data(Object key) {
            return data().get(key);
        }

        @Override
        public @Nullable Object data(Object key, Object value) {
            return data().put(key, value);
        }

        public ConverterContext converterContext() {
            return this;
        }

        public @Nullable ExecuteContext executeContext() {
            return null;
        }
    }

    private static final class SetContext<U> extends Scope implements BindingSetStatementContext<U> {

        private final PreparedStatement statement;
        private final int index;
        private final @Nullable U value;

        SetContext(Configuration configuration, PreparedStatement statement, int index, @Nullable U value) {
            super(configuration);
            this.statement = statement;
            this.index = index;
            this.value = value;
        }

        @Override
        public PreparedStatement statement() {
            return statement;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public @Nullable U value() {
            return value;
        }

        @Override
        public <T> BindingSetStatementContext<T> convert(Converter<? extends T, ? super U> converter) {
            return new SetContext<>(configuration, statement, index, converter.to(value));
        }

        @Override
        public Array autoFree(Array array) {
            return array;
        }

        @Override
        public Blob autoFree(Blob blob) {
            return blob;
        }

        @Override
        public Clob autoFree(Clob clob) {
            return clob;
        }

        @Override
        public SQLXML autoFree(SQLXML xml) {
            return xml;
        }

        @Override
        public <R extends Closeable> R autoClose(R closeable) {
            return closeable;
        }

        @Override
        public <R extends AutoCloseable> R autoClose(R closeable) {
            return closeable;
        }
    }

    private static class GetContext<U> extends Scope implements BindingGetResultSetContext<U> {

        private final ResultSet rows;
        private final int index;
        private final Field<U> field;
        @Nullable U value;

        GetContext(Configuration configuration, ResultSet rows, int index, Field<U> field) {
            super(configuration);
            this.rows = rows;
            this.index = index;
            this.field = field;
        }

        @Override
        public ResultSet resultSet() {
            return rows;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public Field<U> field() {
            return field;
        }

        @Override
        public void value(@Nullable U read) {
            this.value = read;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> BindingGetResultSetContext<T> convert(Converter<? super T, ? extends U> converter) {
            GetContext<U> outer = this;
            return new GetContext<T>(configuration, rows, index, (Field<T>) DSL.field(field.getQualifiedName(),
                    converter.fromType())) {
                @Override
                public void value(@Nullable T read) {
                    outer.value = converter.from(read);
                }
            };
        }
    }
}
