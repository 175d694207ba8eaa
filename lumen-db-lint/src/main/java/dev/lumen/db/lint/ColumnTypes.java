package dev.lumen.db.lint;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DataType;

/** Questions the rules ask about a column's parsed type. */
final class ColumnTypes {

    private static final Set<String> VARYING = Set.of("varchar", "nvarchar");
    private static final Set<String> FIXED = Set.of("char", "nchar");

    private ColumnTypes() {
    }

    /**
     * Whether the type is a 32-bit or smaller integer: {@code int}, {@code integer}, {@code smallint},
     * {@code serial}, {@code smallserial} (jOOQ reads the serial types as integer identities).
     *
     * @param type the column's type
     * @return true for narrow integers
     */
    static boolean isNarrowInteger(DataType<?> type) {
        Class<?> java = type.getType();
        return java == Integer.class || java == Short.class || java == Byte.class;
    }

    /**
     * Whether a new column of this type needs a value for existing rows: {@code NOT NULL} without a
     * {@code DEFAULT}, not an identity (identities fill themselves).
     *
     * @param type the column's type with its constraints
     * @return true when adding the column to a table with rows fails
     */
    static boolean isNotNullWithoutDefault(DataType<?> type) {
        return !type.nullable() && !type.defaulted() && !type.identity() && !type.computed();
    }

    /**
     * The length-limited character type, if this is one: {@code varchar(n)}, {@code char(n)}, or {@code char}
     * (which PostgreSQL reads as {@code char(1)}); arrays of them count too. {@code varchar} without a length
     * and {@code text} are fine.
     *
     * @param type the column's type
     * @return for example {@code varchar(100)}, or empty
     */
    static Optional<String> boundedCharacterType(DataType<?> type) {
        DataType<?> element = type.isArray() ? type.getArrayComponentDataType() : type;
        if (element == null) {
            return Optional.empty();
        }
        DataType<?> standard = element.getSQLDataType();
        if (standard == null) {
            return Optional.empty();
        }
        String name = standard.getTypeName().toLowerCase(Locale.ROOT);
        String suffix = type.isArray() ? "[]" : "";
        if (VARYING.contains(name) && element.lengthDefined()) {
            return Optional.of(name + "(" + element.length() + ")" + suffix);
        }
        if (FIXED.contains(name)) {
            return Optional.of(name + "(" + (element.lengthDefined() ? element.length() : 1) + ")" + suffix);
        }
        return Optional.empty();
    }

    /**
     * The type as reports show it.
     *
     * @param type a parsed type
     * @return for example {@code integer} or {@code integer identity}
     */
    static String describe(DataType<?> type) {
        return type.getCastTypeName().toLowerCase(Locale.ROOT) + (type.identity() ? " identity (serial)" : "");
    }
}
