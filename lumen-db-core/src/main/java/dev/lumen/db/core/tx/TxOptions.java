package dev.lumen.db.core.tx;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a transaction runs. Immutable; each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * TxOptions.serializable().timeout(Duration.ofSeconds(5)).retries(3)
 * }</pre>
 *
 * @param isolation   the isolation level
 * @param readOnly    reject writes ({@code SET TRANSACTION READ ONLY})
 * @param timeout     server-side {@code statement_timeout} for each statement of the transaction; zero keeps the
 *                    connection's default
 * @param lockTimeout server-side {@code lock_timeout}; zero keeps the connection's default
 * @param retries     how many times to rerun the whole transaction after a serialization failure or deadlock
 * @param durability  when COMMIT returns ({@code SET LOCAL synchronous_commit}); {@link Durability#SERVER_DEFAULT}
 *                    sets nothing
 * @param after       for a read-only transaction with read replicas: the write it must see, or {@code null}
 */
public record TxOptions(Isolation isolation, boolean readOnly, Duration timeout, Duration lockTimeout, int retries,
        Durability durability, @Nullable ConsistencyToken after) {

    /** Upper bound for {@link #retries()}: beyond it a conflict is a design problem, not bad luck. */
    public static final int MAX_RETRIES = 100;

    private static final TxOptions DEFAULTS = new TxOptions(Isolation.DEFAULT, false, Duration.ZERO, Duration.ZERO, 0);

    /**
     * Options at the server's durability, without a consistency token.
     *
     * @param isolation   the isolation level
     * @param readOnly    reject writes
     * @param timeout     statement timeout; zero keeps the connection's default
     * @param lockTimeout lock timeout; zero keeps the connection's default
     * @param retries     reruns after serialization failures or deadlocks
     */
    public TxOptions(Isolation isolation, boolean readOnly, Duration timeout, Duration lockTimeout, int retries) {
        this(isolation, readOnly, timeout, lockTimeout, retries, Durability.SERVER_DEFAULT, null);
    }

    /** Validates the values. */
    public TxOptions {
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(durability, "durability");
        if (timeout.isNegative() || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("Transaction timeouts must not be negative");
        }
        if (timeout.toMillis() > Integer.MAX_VALUE || lockTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Transaction timeouts must be below 24 days");
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be between 0 and " + MAX_RETRIES + ", got " + retries);
        }
    }

    /**
     * The server's default isolation, read-write, no timeouts, no retries.
     *
     * @return the defaults
     */
    public static TxOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Read committed.
     *
     * @return options with that isolation
     */
    public static TxOptions readCommitted() {
        return DEFAULTS.isolation(Isolation.READ_COMMITTED);
    }

    /**
     * Repeatable read.
     *
     * @return options with that isolation
     */
    public static TxOptions repeatableRead() {
        return DEFAULTS.isolation(Isolation.REPEATABLE_READ);
    }

    /**
     * Serializable.
     *
     * @return options with that isolation
     */
    public static TxOptions serializable() {
        return DEFAULTS.isolation(Isolation.SERIALIZABLE);
    }

    /**
     * Read-only at the server's default isolation.
     *
     * @return read-only options
     */
    public static TxOptions readOnlyDefaults() {
        return DEFAULTS.readOnly(true);
    }

    /**
     * A copy with another isolation.
     *
     * @param level the isolation
     * @return the copy
     */
    public TxOptions isolation(Isolation level) {
        return new TxOptions(level, readOnly, timeout, lockTimeout, retries, durability, after);
    }

    /**
     * A copy that is (or is not) read-only.
     *
     * @param value true for read-only
     * @return the copy
     */
    public TxOptions readOnly(boolean value) {
        return new TxOptions(isolation, value, timeout, lockTimeout, retries, durability, after);
    }

    /**
     * A copy with a statement timeout.
     *
     * @param value the timeout; zero for the connection default
     * @return the copy
     */
    public TxOptions timeout(Duration value) {
        return new TxOptions(isolation, readOnly, value, lockTimeout, retries, durability, after);
    }

    /**
     * A copy with a lock timeout.
     *
     * @param value the timeout; zero for the connection default
     * @return the copy
     */
    public TxOptions lockTimeout(Duration value) {
        return new TxOptions(isolation, readOnly, timeout, value, retries, durability, after);
    }

    /**
     * A copy with a retry budget.
     *
     * @param value reruns allowed after serialization failures or deadlocks
     * @return the copy
     */
    public TxOptions retries(int value) {
        return new TxOptions(isolation, readOnly, timeout, lockTimeout, value, durability, after);
    }

    /**
     * A copy with another durability ({@code SET LOCAL synchronous_commit}).
     *
     * @param value when COMMIT returns
     * @return the copy
     */
    public TxOptions durability(Durability value) {
        return new TxOptions(isolation, readOnly, timeout, lockTimeout, retries, value, after);
    }

    /**
     * A copy that must see the write a token stands for: with read replicas, a read-only transaction runs on a
     * replica only once it has replayed the token, else (after {@code lumen.db.replicas.token-wait}) on the
     * primary. Ignored by transactions that write (they run on the primary, which has every write).
     *
     * @param token the token of the write, or {@code null} for none
     * @return the copy
     */
    public TxOptions after(@Nullable ConsistencyToken token) {
        return new TxOptions(isolation, readOnly, timeout, lockTimeout, retries, durability, token);
    }
}
