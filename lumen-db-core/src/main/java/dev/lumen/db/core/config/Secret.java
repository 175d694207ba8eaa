package dev.lumen.db.core.config;

import java.util.Objects;

/**
 * A password or other secret. {@link #toString()} prints {@code ****}; only {@link #reveal()} gives the value,
 * and lumen-db calls it in exactly one place: when handing the password to the connection pool.
 */
public final class Secret {

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret.
     *
     * @param value the secret; empty for none
     * @return the wrapper
     */
    public static Secret of(String value) {
        return value.isEmpty() ? EMPTY : new Secret(value);
    }

    /**
     * No secret (trust or certificate authentication).
     *
     * @return the empty secret
     */
    public static Secret empty() {
        return EMPTY;
    }

    /**
     * Whether no secret is set.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * The secret itself. Do not log it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "(none)" : "****";
    }
}
