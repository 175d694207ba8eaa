package dev.lumen.db.repository;

import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * A typed filter: something that becomes a jOOQ {@link Condition} built from generated fields and bind values.
 * Repositories define records of optional values that implement it (see {@code FeatureFilter}).
 */
@FunctionalInterface
public interface Filter {

    /**
     * The condition; {@link DSL#noCondition()} for "everything".
     *
     * @return the condition
     */
    Condition condition();

    /**
     * A filter that keeps every row.
     *
     * @return the filter
     */
    static Filter all() {
        return DSL::noCondition;
    }
}
