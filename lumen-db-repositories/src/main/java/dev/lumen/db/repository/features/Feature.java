package dev.lumen.db.repository.features;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A feature flag as stored: a thin view of the generated {@code NewFeaturesRecord} (whose {@code config} is already a
 * {@code Map}, through lumen-db's {@code JsonConverter} as {@code lumen-db-schema/src/main/jooq/codegen.xml} forces)
 * with a primitive {@code enabled} and a frozen configuration.
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
