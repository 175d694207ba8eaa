package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultDataType;
import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset cursors: the sort values of a page's last row, each base64url-encoded. A decoded value only
 * ever becomes a typed bind value, so a forged cursor can at worst select a different page; a malformed one is
 * refused with {@link InvalidInputException}.
 */
final class KeysetCursor {

    private static final String VERSION = "k1";
    private static final String NULL = "~";
    private static final int MAX_LENGTH = 4_096;

    private KeysetCursor() {
    }

    static String encode(Record row, List<Field<?>> fields) {
        return VERSION + "." + fields.stream()
                .map(field -> {
                    Object value = stored(field, row.get(field));
                    return value == null ? NULL : Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
                })
                .collect(Collectors.joining("."));
    }

    static Object[] decode(String cursor, List<Field<?>> fields) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != fields.size() + 1 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        List<Object> values = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String part = parts[i + 1];
            if (NULL.equals(part)) {
                values.add(null);
                continue;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
                Object value = fromStored(fields.get(i).getDataType(), text);
                if (value == null) {
                    throw invalid();
                }
                values.add(value);
            } catch (RuntimeException e) {
                throw invalid();
            }
        }
        return values.toArray();
    }

    /** A converted column's value as the database holds it ({@code converter.to}), never its Java {@code toString}. */
    @SuppressWarnings("unchecked")
    private static @Nullable Object stored(Field<?> field, @Nullable Object value) {
        DataType<?> type = field.getDataType();
        if (value == null || type.getType() == type.getFromType()) {
            return value;
        }
        return ((Converter<Object, Object>) type.getConverter()).to(value);
    }

    /** The inverse of {@link #stored}: text to the database type, then through the converter's {@code from}. */
    @SuppressWarnings("unchecked")
    private static @Nullable Object fromStored(DataType<?> type, String text) {
        if (type.getType() == type.getFromType()) {
            return type.convert(text);
        }
        Converter<Object, Object> converter = (Converter<Object, Object>) type.getConverter();
        Object stored = DefaultDataType.getDataType(SQLDialect.POSTGRES, converter.fromType()).convert(text);
        return stored == null ? null : converter.from(stored);
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("Invalid page cursor: pass the nextCursor of the previous page unchanged",
                null, null);
    }
}
