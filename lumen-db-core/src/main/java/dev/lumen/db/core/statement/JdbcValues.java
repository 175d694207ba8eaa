package dev.lumen.db.core.statement;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jooq.Configuration;
import org.jooq.DataType;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * Reads and binds column values on the direct path exactly as jOOQ's own bindings do for PostgreSQL. The value
 * types of generated code whose default binding is a plain JDBC call ({@code uuid}, {@code text}, {@code boolean},
 * the integer and decimal types, {@code jsonb}, {@code bytea}, {@code uuid[]}, and {@code timestamptz} when the
 * configuration binds {@code OffsetDateTime} as pgjdbc's own type, as lumen-db's does) use that call directly;
 * every other type (arrays, enums, intervals, dates and times, JSON, citext, any converter or custom binding)
 * goes through the column's own jOOQ binding ({@link JooqBinding}).
 */
final class JdbcValues {

    /** Sets one bind value. */
    @FunctionalInterface
    interface Setter {
        void set(PreparedStatement statement, int index, @Nullable Object value) throws SQLException;
    }

    /** Reads one column. */
    @FunctionalInterface
    interface Getter {
        @Nullable Object get(ResultSet rows, int index) throws SQLException;
    }

    private record Codec(Setter setter, Getter getter) {
    }

    private static final Map<Class<?>, Codec> CODECS = Map.ofEntries(
            plain(UUID.class, Types.OTHER),
            plain(String.class, Types.VARCHAR),
            plain(Boolean.class, Types.BOOLEAN),
            plain(Short.class, Types.SMALLINT),
            plain(Integer.class, Types.INTEGER),
            plain(Long.class, Types.BIGINT),
            plain(Double.class, Types.DOUBLE),
            plain(BigDecimal.class, Types.NUMERIC),
            Map.entry(JSONB.class, new Codec((ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    // jOOQ renders jsonb placeholders as cast(? as jsonb): the text goes as it is.
                    ps.setString(i, ((JSONB) v).data());
                }
            }, (rs, i) -> JSONB.jsonbOrNull(rs.getString(i)))),
            Map.entry(byte[].class, new Codec(object(Types.BINARY), ResultSet::getBytes)),
            Map.entry(UUID[].class, new Codec((ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.ARRAY);
                } else {
                    ps.setArray(i, ps.getConnection().createArrayOf("uuid", (Object[]) v));
                }
            }, (rs, i) -> {
                Array array = rs.getArray(i);
                return array == null ? null : array.getArray();
            })));

    private JdbcValues() {
    }

    /**
     * The setter for values of a type.
     *
     * @param type          the data type
     * @param configuration what the query was rendered with (its settings decide some bindings)
     * @return the setter
     */
    static Setter setter(DataType<?> type, Configuration configuration) {
        Codec codec = codec(type, configuration);
        return codec == null ? JooqBinding.setter(type, configuration) : codec.setter();
    }

    /**
     * The getter for columns of a type.
     *
     * @param type          the data type
     * @param configuration what the query was rendered with
     * @return the getter
     */
    static Getter getter(DataType<?> type, Configuration configuration) {
        Codec codec = codec(type, configuration);
        return codec == null ? JooqBinding.getter(type, configuration) : codec.getter();
    }

    /** The plain JDBC codec, when jOOQ's default binding of the type is exactly that call. */
    private static @Nullable Codec codec(DataType<?> type, Configuration configuration) {
        if (type.getType() != type.getFromType()
                || !type.getBinding().getClass().getName().startsWith("org.jooq.impl.DefaultBinding")) {
            return null; // a converter or a custom binding
        }
        if (type.getType() == OffsetDateTime.class) {
            // jOOQ's default sends text and parses text; with bindOffsetDateTimeType it calls pgjdbc as below.
            return Boolean.TRUE.equals(configuration.settings().isBindOffsetDateTimeType()) ? OFFSET_DATE_TIME : null;
        }
        return CODECS.get(type.getType());
    }

    private static final Codec OFFSET_DATE_TIME = new Codec(object(Types.TIMESTAMP_WITH_TIMEZONE),
            (rs, i) -> rs.getObject(i, OffsetDateTime.class));

    /** pgjdbc binds and reads the type itself ({@code getObject(i, type)} gives null for SQL NULL). */
    private static Map.Entry<Class<?>, Codec> plain(Class<?> type, int sqlType) {
        return Map.entry(type, new Codec(object(sqlType), (rs, i) -> rs.getObject(i, type)));
    }

    private static Setter object(int sqlType) {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, sqlType);
            } else {
                ps.setObject(i, v);
            }
        };
    }
}
