package dev.lumen.db.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.JSONB;
import org.jooq.Name;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.conf.ParamType;
import org.jooq.impl.AbstractConverter;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.jooq.impl.UpdatableRecordImpl;
import org.jspecify.annotations.Nullable;

/**
 * The fixture's {@code converted_samples} table as jOOQ's generator writes it when columns are given forced types:
 * a Java enum through a {@link Converter} ({@code text}), a record as JSON ({@code jsonb}), a {@code List} for a
 * {@code text[]} and a custom {@link Binding} for a PostgreSQL enum.
 */
final class ConvertedSamples extends TableImpl<ConvertedSamples.Row> {

    static final ConvertedSamples CONVERTED = new ConvertedSamples();

    /** Stored as lower-case text. */
    enum Status {
        LIVE, PAUSED, RETIRED
    }

    /** Stored as a JSON object. */
    record Settings(String theme, int level) {
    }

    /** The {@code sample_mood} PostgreSQL enum, through a custom binding. */
    enum Mood {
        HAPPY("happy"), SAD("sad"), SO_SO("so-so");

        final String literal;

        Mood(String literal) {
            this.literal = literal;
        }
    }

    /** The value type the repository returns. */
    record Value(UUID id, @Nullable Status status, @Nullable Settings settings, @Nullable List<String> tags,
            @Nullable Mood mood) {
    }

    final TableField<Row, UUID> ID = createField(DSL.name("id"), SQLDataType.UUID.nullable(false)
            .defaultValue(DSL.field(DSL.raw("gen_random_uuid()"), SQLDataType.UUID)), this, "");
    final TableField<Row, Status> STATUS = createField(DSL.name("status"),
            SQLDataType.CLOB.asConvertedDataType(new StatusConverter()), this, "");
    final TableField<Row, Settings> SETTINGS = createField(DSL.name("settings"),
            SQLDataType.JSONB.asConvertedDataType(new SettingsConverter()), this, "");
    @SuppressWarnings({"unchecked", "rawtypes"})
    final TableField<Row, List<String>> TAGS = createField(DSL.name("tags"), SQLDataType.CLOB.array()
            .asConvertedDataType((Converter) Converter.ofNullable(String[].class, List.class,
                    array -> Arrays.asList(array), list -> ((List<String>) list).toArray(String[]::new))), this, "");
    final TableField<Row, Mood> MOOD = createField(DSL.name("mood"), SQLDataType.OTHER.asConvertedDataType(new MoodBinding()),
            this, "");

    private ConvertedSamples() {
        super(DSL.name("converted_samples"));
    }

    @Override
    public Class<Row> getRecordType() {
        return Row.class;
    }

    @Override
    public UniqueKey<Row> getPrimaryKey() {
        return Internal.createUniqueKey(this, DSL.name("converted_samples_pkey"), new TableField[] {ID}, true);
    }

    /** The record, as generated. */
    static final class Row extends UpdatableRecordImpl<Row> {
        /** As generated records are made. */
        public Row() {
            super(CONVERTED);
        }
    }

    /** {@code Status.LIVE} <-> {@code 'live'}. */
    static final class StatusConverter extends AbstractConverter<String, Status> {
        StatusConverter() {
            super(String.class, Status.class);
        }

        @Override
        public @Nullable Status from(@Nullable String stored) {
            return stored == null ? null : Status.valueOf(stored.toUpperCase(Locale.ROOT));
        }

        @Override
        public @Nullable String to(@Nullable Status status) {
            return status == null ? null : status.name().toLowerCase(Locale.ROOT);
        }
    }

    /** A record <-> a JSON object, with Jackson, as issue 13's JSON converter does. */
    static final class SettingsConverter extends AbstractConverter<JSONB, Settings> {
        private static final ObjectMapper JSON = new ObjectMapper();

        SettingsConverter() {
            super(JSONB.class, Settings.class);
        }

        @Override
        public @Nullable Settings from(@Nullable JSONB stored) {
            try {
                return stored == null ? null : JSON.readValue(stored.data(), Settings.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public @Nullable JSONB to(@Nullable Settings settings) {
            try {
                return settings == null ? null : JSONB.valueOf(JSON.writeValueAsString(settings));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A custom binding, as jOOQ's manual writes them: the value travels as text cast to the enum type. */
    static final class MoodBinding implements Binding<Object, Mood> {

        private static final Name TYPE = DSL.name("sample_mood");

        @Override
        public Converter<Object, Mood> converter() {
            return Converter.ofNullable(Object.class, Mood.class,
                    stored -> Arrays.stream(Mood.values()).filter(m -> m.literal.equals(stored.toString())).findFirst()
                            .orElseThrow(), mood -> mood.literal);
        }

        @Override
        public void sql(BindingSQLContext<Mood> ctx) {
            if (ctx.render().paramType() == ParamType.INLINED) {
                Object stored = ctx.convert(converter()).value();
                ctx.render().visit(DSL.inline(stored == null ? null : stored.toString())).sql("::").visit(TYPE);
            } else {
                ctx.render().sql(ctx.variable()).sql("::").visit(TYPE);
            }
        }

        @Override
        public void register(BindingRegisterContext<Mood> ctx) throws SQLException {
            ctx.statement().registerOutParameter(ctx.index(), java.sql.Types.VARCHAR);
        }

        @Override
        public void set(BindingSetStatementContext<Mood> ctx) throws SQLException {
            Object stored = ctx.convert(converter()).value();
            ctx.statement().setString(ctx.index(), stored == null ? null : stored.toString());
        }

        @Override
        public void set(BindingSetSQLOutputContext<Mood> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public void get(BindingGetResultSetContext<Mood> ctx) throws SQLException {
            ctx.convert(converter()).value(ctx.resultSet().getString(ctx.index()));
        }

        @Override
        public void get(BindingGetStatementContext<Mood> ctx) throws SQLException {
            ctx.convert(converter()).value(ctx.statement().getString(ctx.index()));
        }

        @Override
        public void get(BindingGetSQLInputContext<Mood> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }
    }
}
