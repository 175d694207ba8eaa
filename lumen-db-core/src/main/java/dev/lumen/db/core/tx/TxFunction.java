package dev.lumen.db.core.tx;

/**
 * Transactional work that returns a value.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TxFunction<T> {

    /**
     * Runs the work.
     *
     * @param tx the transaction; use it (not a captured {@code DSLContext}) for every statement
     * @return the result
     */
    T apply(Tx tx);
}
