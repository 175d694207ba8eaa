package dev.lumen.db.repository.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.repository.Texts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/** jsonb <-> {@code Map<String, Object>} with Jackson. */
final class JsonConfig {

    /** NaN and infinities are written as bare tokens, which jsonb rejects as invalid input, not as strings. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());
    /** Resolved once: {@code readValue(text, type)} would resolve the type on every call. */
    private static final ObjectReader READER = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
    });

    private JsonConfig() {
    }

    static JSONB write(Map<String, Object> config) {
        check(config, 0);
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Feature config cannot be written as JSON: " + e.getOriginalMessage(),
                    null, null);
        }
    }

    /** The deepest nesting a configuration may have; deeper documents are refused, not recursed into. */
    static final int MAX_DEPTH = 64;

    /**
     * Every key and text value must be well-formed Unicode without NUL: the driver would store a lone surrogate
     * as {@code ?}, and jsonb cannot hold {@code \u0000}.
     */
    private static void check(@Nullable Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException("Feature config is nested deeper than " + MAX_DEPTH + " levels", null, null);
        }
        switch (value) {
            case String text -> Texts.wellFormed("A feature config value", text);
            case Map<?, ?> map -> map.forEach((key, nested) -> {
                Texts.wellFormed("A feature config key", String.valueOf(key));
                check(nested, depth + 1);
            });
            case Iterable<?> list -> list.forEach(nested -> check(nested, depth + 1));
            case Object[] array -> {
                for (Object nested : array) {
                    check(nested, depth + 1);
                }
            }
            case null, default -> {
            }
        }
    }

    static Map<String, Object> read(JSONB json) {
        try {
            return READER.readValue(json.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("new_features.config is not a JSON object", e);
        }
    }
}
