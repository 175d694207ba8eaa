package dev.lumen.db.core.statement;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * Reads and binds the column types the direct path supports, exactly as jOOQ's own bindings would for
 * PostgreSQL: the value types of generated code for {@code uuid}, {@code text}, {@code boolean}, the integer and
 * decimal types, {@code date}, {@code timestamp}, {@code timestamptz}, {@code jsonb}, {@code bytea} and
 * {@code uuid[]}. Any other type (or a custom converter or binding) keeps the query on jOOQ's path.
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
            plain(LocalDate.class, Types.DATE),
            plain(LocalDateTime.class, Types.TIMESTAMP),
            Map.entry(OffsetDateTime.class, new Codec(object(Types.TIMESTAMP_WITH_TIMEZONE), JdbcValues::offsetDateTime)),
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
     * The setter for values of a type, or {@code null} when the direct path does not handle it.
     *
     * @param type the data type
     * @return the setter, or null
     */
    static @Nullable Setter setter(DataType<?> type) {
        Codec codec = codec(type);
        return codec == null ? null : codec.setter();
    }

    /**
     * The getter for columns of a type, or {@code null} when the direct path does not handle it.
     *
     * @param type the data type
     * @return the getter, or null
     */
    static @Nullable Getter getter(DataType<?> type) {
        Codec codec = codec(type);
        return codec == null ? null : codec.getter();
    }

    private static @Nullable Codec codec(DataType<?> type) {
        // A converter or a custom binding means the Java value is not what JDBC carries: leave it to jOOQ.
        if (type.getType() != type.getFromType()
                || !type.getBinding().getClass().getName().startsWith("org.jooq.impl.DefaultBinding")) {
            return null;
        }
        return CODECS.get(type.getType());
    }

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

    /**
     * pgjdbc returns {@code timestamptz} in UTC; jOOQ returns it with the offset the session prints, which is the
     * JVM's zone (pgjdbc sets the session's TimeZone to it). Same instant, and now the same value as jOOQ's path.
     */
    private static @Nullable Object offsetDateTime(ResultSet rows, int index) throws SQLException {
        OffsetDateTime utc = rows.getObject(index, OffsetDateTime.class);
        if (utc == null || utc.equals(OffsetDateTime.MAX) || utc.equals(OffsetDateTime.MIN)) {
            return utc; // NULL, or 'infinity' / '-infinity'
        }
        return utc.atZoneSameInstant(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
