package dev.lumen.db.core.error;

import java.io.Serial;

/** A configuration value is missing or invalid. The message names the key and, where set, its source. */
public final class ConfigurationException extends LumenDbException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key     the configuration key, for example {@code lumen.db.pool.max-size}
     * @param message what is wrong, starting with the key
     */
    public ConfigurationException(String key, String message) {
        super(message, null);
        this.key = key;
    }

    /**
     * The key at fault.
     *
     * @return the configuration key
     */
    public String key() {
        return key;
    }
}
