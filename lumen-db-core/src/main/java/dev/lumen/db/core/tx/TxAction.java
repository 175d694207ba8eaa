package dev.lumen.db.core.tx;

/** Transactional work without a result. */
@FunctionalInterface
public interface TxAction {

    /**
     * Runs the work.
     *
     * @param tx the transaction; use it (not a captured {@code DSLContext}) for every statement
     */
    void accept(Tx tx);
}
