package dev.lumen.db.repository.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lumen.db.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.JSONB;

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
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Feature config cannot be written as JSON: " + e.getOriginalMessage(),
                    null, null);
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
