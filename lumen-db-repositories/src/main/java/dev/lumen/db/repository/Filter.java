package dev.lumen.db.repository;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A typed filter: something that becomes a jOOQ {@link Condition} built from generated fields and bind values.
 * Repositories define records of optional values that implement it (see {@code FeatureFilter}).
 *
 * <p>A record filter that implements {@link #condition(Binds)} (and {@link #condition()} as
 * {@code condition(Binds.inline())}) lets repositories render its SQL once per shape and bind only its values
 * afterwards: rendering is most of jOOQ's cost for small queries. Its shape is derived by the library (its class
 * and which of its components are set), so it needs no {@link #shape()}; its text components are bounded to
 * {@link Texts#maxFilterText()} characters. With shape verification on (the {@code test} profile and
 * {@code @LumenDbTest}, or {@code lumen.db.verify-shapes=true}) every call is rendered again and compared with the
 * SQL cached for its shape, so a condition whose SQL depends on more than which components are set fails the
 * tests, naming the filter class. A filter that is not a record may give a {@link #shape()} of its own; its calls
 * are then always re-rendered and compared, so a wrong key fails instead of returning another shape's rows.
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
     * For a filter that is not a record: a key equal for every filter of this class whose {@link #condition(Binds)}
     * renders the same SQL, or {@code null}, the default, to take jOOQ's path. Record filters need none (their shape
     * is derived from which components are set); one they give only refines the derived shape.
     *
     * @return the shape, or null
     */
    default @Nullable Object shape() {
        return null;
    }

    /**
     * The condition with each value passed through {@code binds}. Filters that do not override it take jOOQ's
     * path (their values would otherwise be baked into SQL shared by later calls).
     *
     * @param binds where the values go
     * @return the condition
     */
    default Condition condition(Binds binds) {
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
