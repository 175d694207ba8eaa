package dev.lumen.db.core.statement;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.DataType;
import org.jspecify.annotations.Nullable;

/**
 * What a column's jOOQ binding (its converter included) hands JDBC for a value: the string of a PostgreSQL array
 * or enum, the text of a JSON document, the {@code byte[]} of a bytea, the {@code OffsetDateTime} pgjdbc will
 * format, and so on. Code that writes values itself, COPY above all, starts from this rather than from the Java
 * value, so it writes exactly what an {@code INSERT} through jOOQ would, never a Java {@code toString()}.
 */
public final class BoundValues {

    private final JdbcValues.Setter setter;
    private final Capture capture = new Capture();
    private final PreparedStatement statement;

    private BoundValues(DataType<?> type, Configuration configuration) {
        this.setter = JooqBinding.setter(type, configuration);
        this.statement = (PreparedStatement) Proxy.newProxyInstance(BoundValues.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, arguments) -> {
                    String name = method.getName();
                    if (name.equals("setNull")) {
                        capture.value = null;
                        capture.set = true;
                        return null;
                    }
                    if (name.startsWith("set") && arguments != null && arguments.length >= 2) {
                        capture.value = arguments[1];
                        capture.set = true;
                        return null;
                    }
                    if (name.equals("toString")) {
                        return "BoundValues capture";
                    }
                    throw new UnsupportedOperationException("A jOOQ binding called PreparedStatement." + name
                            + ", which writing values outside a statement does not support");
                });
    }

    /**
     * The capture for one column type; not thread-safe (make one per column and writer).
     *
     * @param type          the column's data type (with its converter or binding)
     * @param configuration the configuration whose settings the binding reads
     * @return the capture
     */
    public static BoundValues of(DataType<?> type, Configuration configuration) {
        return new BoundValues(type, configuration);
    }

    /**
     * The value the binding would pass to JDBC for {@code value}.
     *
     * @param value the Java value of the column (before its converter)
     * @return the JDBC value, {@code null} for SQL NULL
     * @throws SQLException when the binding refuses the value
     */
    public @Nullable Object jdbcValue(@Nullable Object value) throws SQLException {
        capture.set = false;
        capture.value = null;
        setter.set(statement, 1, value);
        if (!capture.set) {
            throw new IllegalStateException("The column's binding set no value");
        }
        return capture.value;
    }

    /** The last value set. */
    private static final class Capture {
        @Nullable Object value;
        boolean set;
    }
}
