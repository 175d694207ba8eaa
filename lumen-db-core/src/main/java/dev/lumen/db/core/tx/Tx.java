package dev.lumen.db.core.tx;

import dev.lumen.db.core.DbScope;
import org.jooq.DSLContext;

/**
 * One open transaction (or savepoint within one), handed to transactional code.
 */
public interface Tx extends DbScope {

    /**
     * jOOQ bound to this transaction's connection.
     *
     * @return the transactional {@code DSLContext}
     */
    @Override
    DSLContext dsl();

    /**
     * Runs {@code work} inside a savepoint: if it throws, only its own changes are rolled back and the exception
     * propagates; the surrounding transaction stays usable if the caller catches it.
     *
     * @param work the nested work
     * @param <T>  its result type
     * @return its result
     */
    <T> T savepoint(TxFunction<T> work);

    /**
     * Like {@link #savepoint(TxFunction)} for work without a result.
     *
     * @param work the nested work
     */
    default void savepoint(TxAction work) {
        savepoint(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Registers an action to run after the outermost transaction commits (an e-mail, a cache eviction, a
     * message). It never runs if the transaction, or the savepoint it was registered in, rolls back; a retried
     * transaction runs it only for the attempt that commits. Failures of the action are logged, not thrown: the
     * data is already committed.
     *
     * @param action the side effect
     */
    void afterCommit(Runnable action);

    /**
     * The options this transaction runs with.
     *
     * @return the options
     */
    TxOptions options();

    /**
     * Which attempt this is: 1 on the first run, 2 on the first retry, and so on.
     *
     * @return the attempt number
     */
    int attempt();
}
