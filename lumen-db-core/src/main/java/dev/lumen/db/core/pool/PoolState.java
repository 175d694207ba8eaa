package dev.lumen.db.core.pool;

/**
 * A snapshot of the pool.
 *
 * @param active  connections lent out
 * @param idle    connections waiting in the pool
 * @param total   open connections
 * @param waiting threads waiting for a connection
 * @param max     the pool's maximum size
 */
public record PoolState(int active, int idle, int total, int waiting, int max) {

    /**
     * Whether every connection is in use and callers are queueing.
     *
     * @return true when saturated
     */
    public boolean saturated() {
        return active >= max && waiting > 0;
    }
}
