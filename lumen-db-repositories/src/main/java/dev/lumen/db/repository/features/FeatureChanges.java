package dev.lumen.db.repository.features;

import java.util.Map;
import java.util.Optional;

/**
 * Changes to a feature; empty optionals leave a column as it is.
 *
 * @param name        a new name
 * @param description a new description (use {@code Optional.of("")} to blank it)
 * @param enabled     switch on or off
 * @param config      a new configuration (replaces the old one)
 */
public record FeatureChanges(Optional<String> name, Optional<String> description, Optional<Boolean> enabled,
        Optional<Map<String, Object>> config) {

    /**
     * No changes yet; add them with the {@code with} methods.
     *
     * @return the empty changes
     */
    public static FeatureChanges none() {
        return new FeatureChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * With a new name.
     *
     * @param value the name
     * @return the changes
     */
    public FeatureChanges withName(String value) {
        return new FeatureChanges(Optional.of(value), description, enabled, config);
    }

    /**
     * With a new description.
     *
     * @param value the description
     * @return the changes
     */
    public FeatureChanges withDescription(String value) {
        return new FeatureChanges(name, Optional.of(value), enabled, config);
    }

    /**
     * Switched on or off.
     *
     * @param value on or off
     * @return the changes
     */
    public FeatureChanges withEnabled(boolean value) {
        return new FeatureChanges(name, description, Optional.of(value), config);
    }

    /**
     * With a new configuration.
     *
     * @param value the configuration
     * @return the changes
     */
    public FeatureChanges withConfig(Map<String, Object> value) {
        return new FeatureChanges(name, description, enabled, Optional.of(Map.copyOf(value)));
    }
}
