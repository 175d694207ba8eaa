package dev.lumen.db.repository.users;

import static dev.lumen.db.schema.Tables.USERS;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** The keys users can be sorted by: declared public names, not column names. */
public enum UserSort implements SortKey {
    /** E-mail address. */
    EMAIL("email", USERS.EMAIL),
    /** Last name. */
    LAST_NAME("last_name", USERS.LAST_NAME),
    /** Creation time. */
    CREATED_AT("created_at", USERS.CREATED_AT),
    /** Last login time. */
    LAST_LOGIN_AT("last_login_at", USERS.LAST_LOGIN_AT);

    private final String key;
    private final Field<?> field;

    UserSort(String key, Field<?> field) {
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
