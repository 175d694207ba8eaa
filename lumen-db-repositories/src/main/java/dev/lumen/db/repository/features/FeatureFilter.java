package dev.lumen.db.repository.features;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;

import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.repository.Filter;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Which features to list; every part is optional and the parts combine with AND.
 *
 * @param nameContains  case-insensitive substring of the name; {@code %}, {@code _} and {@code \} are taken
 *                      literally (served by the trigram index on {@code lower(name)})
 * @param enabled       only enabled (true) or disabled (false) features
 * @param createdFrom   created at or after
 * @param createdBefore created before
 */
public record FeatureFilter(@Nullable String nameContains, @Nullable Boolean enabled,
        @Nullable OffsetDateTime createdFrom, @Nullable OffsetDateTime createdBefore) implements Filter {

    /** Refuses an empty time window. */
    public FeatureFilter {
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw new InvalidInputException("createdFrom must be before createdBefore", null, null);
        }
    }

    /**
     * Every live feature.
     *
     * @return the empty filter
     */
    public static FeatureFilter any() {
        return new FeatureFilter(null, null, null, null);
    }

    /**
     * Features whose name contains a text, ignoring case.
     *
     * @param text the text, taken literally
     * @return the filter
     */
    public static FeatureFilter nameContains(String text) {
        return new FeatureFilter(text, null, null, null);
    }

    /**
     * This filter, restricted to enabled or disabled features.
     *
     * @param value true for enabled
     * @return the filter
     */
    public FeatureFilter withEnabled(boolean value) {
        return new FeatureFilter(nameContains, value, createdFrom, createdBefore);
    }

    /**
     * This filter, restricted to a creation window.
     *
     * @param from   inclusive start, or {@code null}
     * @param before exclusive end, or {@code null}
     * @return the filter
     */
    public FeatureFilter withCreated(@Nullable OffsetDateTime from, @Nullable OffsetDateTime before) {
        return new FeatureFilter(nameContains, enabled, from, before);
    }

    @Override
    public Condition condition() {
        Condition condition = DSL.noCondition();
        if (nameContains != null) {
            // jOOQ escapes %, _ and its escape character in the bind value, so the text matches literally.
            condition = condition.and(NEW_FEATURES.NAME.containsIgnoreCase(nameContains));
        }
        if (enabled != null) {
            condition = condition.and(NEW_FEATURES.IS_ENABLED.eq(enabled));
        }
        if (createdFrom != null) {
            condition = condition.and(NEW_FEATURES.CREATED_AT.ge(createdFrom));
        }
        if (createdBefore != null) {
            condition = condition.and(NEW_FEATURES.CREATED_AT.lt(createdBefore));
        }
        return condition;
    }
}
