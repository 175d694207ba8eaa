package dev.lumen.db.repository.features;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** The columns features can be sorted by. */
public enum FeatureSort implements SortKey {
    /** Name. */
    NAME(NEW_FEATURES.NAME),
    /** Creation time; newest first is the default order. */
    CREATED_AT(NEW_FEATURES.CREATED_AT),
    /** Last change. */
    UPDATED_AT(NEW_FEATURES.UPDATED_AT),
    /** Enabled flag. */
    IS_ENABLED(NEW_FEATURES.IS_ENABLED);

    private final Field<?> field;

    FeatureSort(Field<?> field) {
        this.field = field;
    }

    @Override
    public Field<?> field() {
        return field;
    }
}
