package dev.lumen.db.core.statement;

import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Makes the value of one fetched row from its column values, for {@link RenderedQuery#fetch}: a jOOQ record
 * ({@link RecordFactory}) or straight the value a repository returns.
 *
 * @param <T> the row's value type
 */
@FunctionalInterface
public interface RowMaker<T> {

    /**
     * The value of one row.
     *
     * @param configuration the configuration that fetched it (records attach to it)
     * @param values        the columns' values, in the query's order; the array is reused for the next row
     * @return the value
     */
    T row(Configuration configuration, @Nullable Object[] values);
}
