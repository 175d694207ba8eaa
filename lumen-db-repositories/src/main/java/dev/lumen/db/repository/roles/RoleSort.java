package dev.lumen.db.repository.roles;

import static dev.lumen.db.schema.Tables.ROLES;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** The keys roles can be sorted by: declared public names, not column names. */
public enum RoleSort implements SortKey {
    /** Role name. */
    NAME("name", ROLES.NAME),
    /** Creation time. */
    CREATED_AT("created_at", ROLES.CREATED_AT);

    private final String key;
    private final Field<?> field;

    RoleSort(String key, Field<?> field) {
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
