package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.Field;

/**
 * One allow-listed sort key of a repository: a public name clients use and the generated field behind it.
 * The name is API and is declared, never taken from the column, so renaming a column cannot silently rename
 * (or remove) a public sort key: the field reference stops compiling instead. Repositories declare their keys
 * as an enum implementing this interface, or as a list of {@link #of} keys; only those can reach an
 * {@code ORDER BY}.
 */
public interface SortKey {

    /**
     * The generated field to sort by.
     *
     * @return the field
     */
    Field<?> field();

    /**
     * The name clients use, for example {@code created_at}: lower case, declared by the repository.
     *
     * @return the key
     */
    String key();

    /**
     * A key with a declared name.
     *
     * @param key   the public name: lower-case letters, digits and {@code _}, 1 to 63 characters
     * @param field the field behind it
     * @return the key
     */
    static SortKey of(String key, Field<?> field) {
        return new Named(key, field);
    }

    /**
     * A sort key declared by name.
     *
     * @param key   the public name
     * @param field the field
     */
    record Named(String key, Field<?> field) implements SortKey {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

        /** Checks the name: it travels in sort parameters and error messages. */
        public Named {
            if (!NAME.matcher(key).matches()) {
                throw new InvalidInputException("A sort key name must be lower-case letters, digits and _ (got '"
                        + (key.length() > 63 ? key.substring(0, 63) + "..." : key).toLowerCase(Locale.ROOT) + "')",
                        null, null);
            }
        }
    }
}
