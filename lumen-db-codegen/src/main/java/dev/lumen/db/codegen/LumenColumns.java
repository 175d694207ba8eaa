package dev.lumen.db.codegen;

import java.time.OffsetDateTime;
import java.util.Locale;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.DataTypeDefinition;
import org.jooq.meta.TableDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The columns lumen-db's customisations look for: {@code timestamptz} columns named {@code deleted_at},
 * {@code created_at} and {@code updated_at}, left as jOOQ generates them ({@code OffsetDateTime}, no forced type).
 */
final class LumenColumns {

    static final String DELETED_AT = "deleted_at";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";

    private LumenColumns() {
    }

    static boolean softDeletes(LumenOptions options, TableDefinition table) {
        return options.softDeletable() && timestamp(table, DELETED_AT) != null;
    }

    static boolean timestamped(LumenOptions options, TableDefinition table) {
        return options.timestamped() && timestamp(table, CREATED_AT) != null && timestamp(table, UPDATED_AT) != null;
    }

    static @Nullable ColumnDefinition timestamp(TableDefinition table, String name) {
        ColumnDefinition column = table.getColumn(name);
        if (column == null) {
            return null;
        }
        DataTypeDefinition type = column.getType();
        String sqlType = type.getType().toLowerCase(Locale.ROOT);
        boolean timestamptz = sqlType.equals("timestamp with time zone") || sqlType.equals("timestamptz");
        // Without a forced type, jOOQ's user type is an SQL type name (timestamptz), not a Java class.
        String userType = type.getUserType();
        boolean plain = type.getConverter() == null && type.getBinding() == null && (userType == null
                || !userType.contains(".") || userType.equals(OffsetDateTime.class.getName()));
        return timestamptz && plain ? column : null;
    }
}
