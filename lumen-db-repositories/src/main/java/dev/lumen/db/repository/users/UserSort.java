package dev.lumen.db.repository.users;

import static dev.lumen.db.schema.Tables.USERS;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** The columns users can be sorted by. */
public enum UserSort implements SortKey {
    /** E-mail address. */
    EMAIL(USERS.EMAIL),
    /** Last name. */
    LAST_NAME(USERS.LAST_NAME),
    /** Creation time. */
    CREATED_AT(USERS.CREATED_AT),
    /** Last login time. */
    LAST_LOGIN_AT(USERS.LAST_LOGIN_AT);

    private final Field<?> field;

    UserSort(Field<?> field) {
        this.field = field;
    }

    @Override
    public Field<?> field() {
        return field;
    }
}
