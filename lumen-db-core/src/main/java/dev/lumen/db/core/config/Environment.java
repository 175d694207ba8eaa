package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.Locale;

/** The deployment environment; it picks the defaults of every knob (see {@link ConfigKey}). */
public enum Environment {
    /** A developer's machine: small pool, leak detection on, TLS preferred. */
    DEV,
    /** Automated tests: small pool, TLS off, generous timeouts. */
    TEST,
    /** Production: larger fixed pool, statement timeout, TLS with certificate and host name verification. */
    PROD;

    /**
     * Parses {@code dev}, {@code test} or {@code prod} in any case.
     *
     * @param value the name
     * @return the environment
     * @throws ConfigurationException for any other value
     */
    public static Environment parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKey.ENVIRONMENT.property(), ConfigKey.ENVIRONMENT.property()
                    + " must be dev, test or prod, got '" + value + "'");
        }
    }

    /** The lower-case name used in configuration and on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
