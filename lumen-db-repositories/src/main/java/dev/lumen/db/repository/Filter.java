package dev.lumen.db.repository;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A typed filter: something that becomes a jOOQ {@link Condition} built from generated fields and bind values.
 * Repositories define records of optional values that implement it (see {@code FeatureFilter}).
 *
 * <p>A filter that implements {@link #shape()} and {@link #condition(Binds)} (and {@link #condition()} as
 * {@code condition(Binds.inline())}) lets repositories render its SQL once per shape and bind only its values
 * afterwards: rendering is most of jOOQ's cost for small queries.
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
     * A key equal for every filter of this class whose {@link #condition(Binds)} renders the same SQL (typically
     * which of its optional values are set), or {@code null}, the default, to render the condition every time.
     *
     * @return the shape, or null
     */
    default @Nullable Object shape() {
        return null;
    }

    /**
     * The condition with each value passed through {@code binds}; used only when {@link #shape()} is not null.
     *
     * @param binds where the values go
     * @return the condition
     */
    default Condition condition(Binds binds) {
        if (shape() != null) {
            // Otherwise the first call's values would be rendered into SQL shared by every later call.
            throw new IllegalStateException(getClass().getName() + " has a shape() but does not override condition(Binds)");
        }
        return condition();
    }

    /**
     * A filter that keeps every row.
     *
     * @return the filter
     */
    static Filter all() {
        return All.INSTANCE;
    }

    /** The filter that keeps every row; its one shape has no values. */
    enum All implements Filter {
        /** The only instance. */
        INSTANCE;

        @Override
        public Condition condition() {
            return DSL.noCondition();
        }

        @Override
        public Object shape() {
            return this;
        }

        @Override
        public Condition condition(Binds binds) {
            return DSL.noCondition();
        }
    }
}
