package dev.lumen.db.repository.features;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** The keys features can be sorted by: declared public names, not column names. */
public enum FeatureSort implements SortKey {
    /** Name. */
    NAME("name", NEW_FEATURES.NAME),
    /** Creation time; newest first is the default order. */
    CREATED_AT("created_at", NEW_FEATURES.CREATED_AT),
    /** Last change. */
    UPDATED_AT("updated_at", NEW_FEATURES.UPDATED_AT),
    /** Enabled flag. */
    IS_ENABLED("is_enabled", NEW_FEATURES.IS_ENABLED);

    private final String key;
    private final Field<?> field;

    FeatureSort(String key, Field<?> field) {
        this.key = key;
        this.field = field;
    }

    @Override
    public Field<?> field() {
        return field;
    }

    @Override
    public String key() {
        return key;
    }
}
