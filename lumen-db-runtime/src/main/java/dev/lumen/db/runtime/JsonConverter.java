package dev.lumen.db.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Serial;
import java.util.Map;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/**
 * {@code jsonb} (or {@code json}, or text) to any Java record or class Jackson can bind, for a forced type. With
 * jOOQ's generic converters no code per type is needed:
 *
 * <pre>{@code
 * <forcedType>
 *   <userType>com.example.Settings</userType>
 *   <converter>dev.lumen.db.runtime.JsonConverter</converter>
 *   <genericConverter>true</genericConverter>
 *   <includeExpression>accounts\.settings</includeExpression>
 * </forcedType>
 * }</pre>
 *
 * For a generic Java type use an inline converter, for example
 * {@code <converter>dev.lumen.db.runtime.JsonConverter.jsonbObject()</converter>} for {@code Map<String, Object>}.
 *
 * <p>Written documents are checked for what PostgreSQL would refuse or silently mangle: an unpaired UTF-16
 * surrogate (the driver sends {@code ?}) and, for {@code jsonb}, the escape {@code \u0000}. NaN and infinities are
 * written as bare tokens, so the database refuses them as invalid input rather than storing strings. Failures are
 * {@link JsonConversionException}s. Instances are immutable and thread-safe.
 *
 * @param <T> the database type: {@link JSONB}, {@link JSON} or {@link String}
 * @param <U> the Java type
 */
public class JsonConverter<T, U> extends AbstractConverter<T, U> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Shared by all converters that do not bring their own: records, java.time (when its module is present). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private final transient ObjectReader reader;
    private final transient ObjectWriter writer;
    private final String typeName;

    /**
     * The constructor jOOQ's {@code <genericConverter>true</genericConverter>} calls.
     *
     * @param fromType {@code JSONB.class}, {@code JSON.class} or {@code String.class}
     * @param toType   the Java type
     */
    public JsonConverter(Class<T> fromType, Class<U> toType) {
        this(fromType, toType, MAPPER.constructType(toType), MAPPER);
    }

    /**
     * A converter with an object mapper of your own (modules, naming strategy, unknown-property handling).
     *
     * @param fromType {@code JSONB.class}, {@code JSON.class} or {@code String.class}
     * @param toType   the Java type
     * @param mapper   the mapper
     */
    public JsonConverter(Class<T> fromType, Class<U> toType, ObjectMapper mapper) {
        this(fromType, toType, mapper.constructType(toType), mapper);
    }

    private JsonConverter(Class<T> fromType, Class<U> toType, JavaType javaType, ObjectMapper mapper) {
        super(checkedFromType(fromType), toType);
        this.reader = mapper.readerFor(javaType);
        this.writer = mapper.writerFor(javaType);
        this.typeName = javaType.toCanonical();
    }

    /**
     * {@code jsonb} to a Java class or record.
     *
     * @param type the Java type
     * @param <U>  the Java type
     * @return the converter
     */
    public static <U> JsonConverter<JSONB, U> jsonb(Class<U> type) {
        return new JsonConverter<>(JSONB.class, type);
    }

    /**
     * {@code jsonb} to a generic Java type, for example {@code new TypeReference<List<Item>>() {}}.
     *
     * @param type the Java type
     * @param <U>  the Java type
     * @return the converter
     */
    @SuppressWarnings("unchecked")
    public static <U> JsonConverter<JSONB, U> jsonb(TypeReference<U> type) {
        JavaType javaType = MAPPER.constructType(type);
        return new JsonConverter<>(JSONB.class, (Class<U>) javaType.getRawClass(), javaType, MAPPER);
    }

    /**
     * {@code json} to a Java class or record.
     *
     * @param type the Java type
     * @param <U>  the Java type
     * @return the converter
     */
    public static <U> JsonConverter<JSON, U> json(Class<U> type) {
        return new JsonConverter<>(JSON.class, type);
    }

    /**
     * {@code jsonb} holding a JSON object to an insertion-ordered {@code Map} of maps, lists, strings, numbers and
     * booleans.
     *
     * @return the converter
     */
    public static JsonConverter<JSONB, Map<String, Object>> jsonbObject() {
        // Jackson binds Map to LinkedHashMap, so key order survives the round trip.
        return jsonb(new TypeReference<Map<String, Object>>() {
        });
    }

    @Override
    public @Nullable U from(@Nullable T stored) {
        if (stored == null) {
            return null;
        }
        String text = stored instanceof JSONB jsonb ? jsonb.data()
                : stored instanceof JSON json ? json.data() : (String) stored;
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            // Jackson's own message can quote the document; the location is enough to find the problem.
            var where = e.getLocation();
            throw new JsonConversionException("A stored JSON document does not fit " + typeName
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable T to(@Nullable U value) {
        if (value == null) {
            return null;
        }
        String text;
        try {
            text = writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JsonConversionException("A " + typeName + " cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        JsonTexts.check(text, fromType() == JSONB.class, typeName);
        Class<T> from = fromType();
        return (T) (from == JSONB.class ? JSONB.valueOf(text) : from == JSON.class ? JSON.valueOf(text) : text);
    }

    private static <T> Class<T> checkedFromType(Class<T> fromType) {
        if (fromType != JSONB.class && fromType != JSON.class && fromType != String.class) {
            throw new IllegalArgumentException("JsonConverter converts jsonb, json or text columns, not "
                    + fromType.getName());
        }
        return fromType;
    }
}
