package dev.lumen.db.repository.features;

import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.repository.Texts;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A feature to create.
 *
 * @param name        the name, 1 to 255 characters
 * @param description what it does, or {@code null}
 * @param enabled     whether it starts enabled
 * @param config      its configuration
 */
public record FeatureDraft(String name, @Nullable String description, boolean enabled, Map<String, Object> config) {

    /** Refuses a blank name before any SQL runs; the database checks the length. */
    public FeatureDraft {
        if (name.isBlank()) {
            throw new InvalidInputException("A feature needs a name", null, null);
        }
        Texts.wellFormed("Feature name", name);
        Texts.wellFormedOrNull("Feature description", description);
        config = Map.copyOf(config);
    }

    /**
     * A disabled feature with an empty configuration.
     *
     * @param name the name
     * @return the draft
     */
    public static FeatureDraft named(String name) {
        return new FeatureDraft(name, null, false, Map.of());
    }
}
