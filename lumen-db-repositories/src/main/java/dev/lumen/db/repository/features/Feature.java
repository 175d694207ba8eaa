package dev.lumen.db.repository.features;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A feature flag as stored.
 *
 * @param id          the id
 * @param name        the name
 * @param description what it does, or {@code null}
 * @param enabled     whether it is on
 * @param config      its configuration, a JSON object as nested maps, lists, strings, numbers and booleans
 * @param createdAt   creation time
 * @param updatedAt   last change, stamped by the database
 * @param deletedAt   soft-deletion time, or {@code null}
 */
public record Feature(UUID id, String name, @Nullable String description, boolean enabled, Map<String, Object> config,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime deletedAt) {

    /** Freezes the configuration's top level. */
    public Feature {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }
}
