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
            Map.entry(UUID.class, new Codec(object(Types.OTHER), (rs, i) -> rs.getObject(i, UUID.class))),
            Map.entry(String.class, new Codec((ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    ps.setString(i, (String) v);
                }
            }, ResultSet::getString)),
            Map.entry(Boolean.class, new Codec(object(Types.BOOLEAN), (rs, i) -> {
                boolean value = rs.getBoolean(i);
                return rs.wasNull() ? null : value;
            })),
            Map.entry(Short.class, new Codec(object(Types.SMALLINT), (rs, i) -> {
                short value = rs.getShort(i);
                return rs.wasNull() ? null : value;
            })),
            Map.entry(Integer.class, new Codec(object(Types.INTEGER), (rs, i) -> {
                int value = rs.getInt(i);
                return rs.wasNull() ? null : value;
            })),
            Map.entry(Long.class, new Codec(object(Types.BIGINT), (rs, i) -> {
                long value = rs.getLong(i);
                return rs.wasNull() ? null : value;
            })),
            Map.entry(Double.class, new Codec(object(Types.DOUBLE), (rs, i) -> {
                double value = rs.getDouble(i);
                return rs.wasNull() ? null : value;
            })),
            Map.entry(BigDecimal.class, new Codec(object(Types.NUMERIC), ResultSet::getBigDecimal)),
            Map.entry(LocalDate.class, new Codec(object(Types.DATE), (rs, i) -> rs.getObject(i, LocalDate.class))),
            Map.entry(LocalDateTime.class,
                    new Codec(object(Types.TIMESTAMP), (rs, i) -> rs.getObject(i, LocalDateTime.class))),
            Map.entry(OffsetDateTime.class, new Codec(object(Types.TIMESTAMP_WITH_TIMEZONE), JdbcValues::offsetDateTime)),
            Map.entry(JSONB.class, new Codec((ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    // jOOQ renders jsonb placeholders as cast(? as jsonb): the text goes as it is.
                    ps.setString(i, ((JSONB) v).data());
                }
            }, (rs, i) -> JSONB.jsonbOrNull(rs.getString(i)))),
            Map.entry(byte[].class, new Codec((ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.BINARY);
                } else {
                    ps.setBytes(i, (byte[]) v);
                }
            }, ResultSet::getBytes)),
            Map.entry(UUID[].class, new Codec((ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.ARRAY);
                } else {
                    Array array = ps.getConnection().createArrayOf("uuid", (Object[]) v);
                    ps.setArray(i, array);
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
