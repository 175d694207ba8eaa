package dev.lumen.db.core.tx;

import java.sql.Connection;

/**
 * A transaction that a host framework (Spring's transaction manager, for one) has open on the calling thread.
 * lumen-db runs its work on this transaction's connection instead of borrowing one of its own, so the host's
 * commit or rollback decides for everything; the host begins, commits, rolls back and releases it.
 */
public interface AmbientTransaction {

    /**
     * The connection the transaction runs on, auto-commit off. lumen-db never closes, commits or rolls it back
     * (it does set and release savepoints on it).
     *
     * @return the connection
     */
    Connection connection();

    /**
     * How the host opened the transaction: its isolation ({@link Isolation#DEFAULT} when the host left it to the
     * server) and whether it is read-only. Timeouts and retries are the host's business and may be left at zero.
     *
     * @return the transaction's options
     */
    TxOptions options();

    /**
     * Registers an action to run once the host has committed the transaction; never when it rolls back.
     *
     * @param action the side effect
     */
    void afterCommit(Runnable action);
}
