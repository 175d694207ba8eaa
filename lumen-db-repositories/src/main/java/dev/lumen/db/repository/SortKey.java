package dev.lumen.db.repository;

import org.jooq.Field;

/**
 * One allow-listed sort column of a repository. Repositories declare their keys as an enum implementing this
 * interface, so only those columns can ever reach an {@code ORDER BY}.
 */
public interface SortKey {

    /**
     * The generated field to sort by.
     *
     * @return the field
     */
    Field<?> field();

    /**
     * The name clients use, for example {@code created_at}.
     *
     * @return the key
     */
    default String key() {
        return field().getName();
    }
}
