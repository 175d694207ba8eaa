package dev.lumen.db.repository.roles;

import static dev.lumen.db.schema.Tables.ROLES;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** The columns roles can be sorted by. */
public enum RoleSort implements SortKey {
    /** Role name. */
    NAME(ROLES.NAME),
    /** Creation time. */
    CREATED_AT(ROLES.CREATED_AT);

    private final Field<?> field;

    RoleSort(Field<?> field) {
        this.field = field;
    }

    @Override
    public Field<?> field() {
        return field;
    }
}
