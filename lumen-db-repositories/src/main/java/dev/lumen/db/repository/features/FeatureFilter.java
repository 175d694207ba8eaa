package dev.lumen.db.repository.features;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;

import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.repository.Binds;
import dev.lumen.db.repository.Filter;
import dev.lumen.db.repository.Texts;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Which features to list; every part is optional and the parts combine with AND.
 *
 * @param nameContains  case-insensitive substring of the name, at most {@link Texts#maxFilterText()} characters
 *                      (256 by default); {@code %}, {@code _} and {@code \} are taken literally (served by the
 *                      trigram index on {@code lower(name)})
 * @param enabled       only enabled (true) or disabled (false) features
 * @param createdFrom   created at or after
 * @param createdBefore created before
 * @param ids           only these ids (any number: they travel as one array bind value, {@code id = ANY(?)})
 */
public record FeatureFilter(@Nullable String nameContains, @Nullable Boolean enabled,
        @Nullable OffsetDateTime createdFrom, @Nullable OffsetDateTime createdBefore, @Nullable List<UUID> ids)
        implements Filter {

    /** Refuses malformed text and an empty time window. */
    public FeatureFilter {
        nameContains = Texts.filterText("nameContains", nameContains);
        ids = ids == null ? null : List.copyOf(ids);
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw new InvalidInputException("createdFrom must be before createdBefore", null, null);
        }
    }

    /**
     * A filter without an id restriction.
     *
     * @param nameContains  case-insensitive substring of the name
     * @param enabled       only enabled or disabled features
     * @param createdFrom   created at or after
     * @param createdBefore created before
     */
    public FeatureFilter(@Nullable String nameContains, @Nullable Boolean enabled, @Nullable OffsetDateTime createdFrom,
            @Nullable OffsetDateTime createdBefore) {
        this(nameContains, enabled, createdFrom, createdBefore, null);
    }

    /**
     * Every live feature.
     *
     * @return the empty filter
     */
    public static FeatureFilter any() {
        return new FeatureFilter(null, null, null, null, null);
    }

    /**
     * Features whose name contains a text, ignoring case.
     *
     * @param text the text, taken literally
     * @return the filter
     */
    public static FeatureFilter nameContains(String text) {
        return new FeatureFilter(text, null, null, null, null);
    }

    /**
     * This filter, restricted to enabled or disabled features.
     *
     * @param value true for enabled
     * @return the filter
     */
    public FeatureFilter withEnabled(boolean value) {
        return new FeatureFilter(nameContains, value, createdFrom, createdBefore, ids);
    }

    /**
     * This filter, restricted to some ids.
     *
     * @param value the ids
     * @return the filter
     */
    public FeatureFilter withIds(Collection<UUID> value) {
        return new FeatureFilter(nameContains, enabled, createdFrom, createdBefore, List.copyOf(value));
    }

    /**
     * This filter, restricted to a creation window.
     *
     * @param from   inclusive start, or {@code null}
     * @param before exclusive end, or {@code null}
     * @return the filter
     */
    public FeatureFilter withCreated(@Nullable OffsetDateTime from, @Nullable OffsetDateTime before) {
        return new FeatureFilter(nameContains, enabled, from, before, ids);
    }

    @Override
    public Condition condition() {
        return condition(Binds.inline());
    }

    @Override
    public Condition condition(Binds binds) {
        Condition condition = DSL.noCondition();
        if (nameContains != null) {
            // The escaped pattern is the bind value: escaping in SQL (jOOQ's containsIgnoreCase) would have the server
            // recompute replace(replace(...)) of the text for every row it compares.
            condition = condition.and(DSL.lower(NEW_FEATURES.NAME).like(
                    DSL.lower(binds.value(NEW_FEATURES.NAME, Texts.containsPattern(nameContains))), Texts.LIKE_ESCAPE));
        }
        if (enabled != null) {
            condition = condition.and(NEW_FEATURES.IS_ENABLED.eq(binds.value(NEW_FEATURES.IS_ENABLED, enabled)));
        }
        if (createdFrom != null) {
            condition = condition.and(NEW_FEATURES.CREATED_AT.ge(binds.value(NEW_FEATURES.CREATED_AT, createdFrom)));
        }
        if (createdBefore != null) {
            condition = condition.and(NEW_FEATURES.CREATED_AT.lt(binds.value(NEW_FEATURES.CREATED_AT, createdBefore)));
        }
        if (ids != null) {
            // One array bind value, however many ids: an IN list of 70k would exceed the protocol's 65,535 binds.
            condition = condition.and(NEW_FEATURES.ID.eq(DSL.any(
                    binds.value(SQLDataType.UUID.array(), ids.toArray(UUID[]::new)))));
        }
        return condition;
    }
}
