package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.Locale;

/** pgjdbc's {@code sslmode}, from "never" to "encrypted, certificate and host name verified". */
public enum SslMode {
    /** No TLS. */
    DISABLE,
    /** TLS only if the server insists. */
    ALLOW,
    /** TLS if the server offers it, else plain (the pgjdbc default). */
    PREFER,
    /** TLS, but the certificate is not checked. */
    REQUIRE,
    /** TLS with a certificate signed by the configured root. */
    VERIFY_CA,
    /** TLS with a verified certificate whose name matches the host: the only mode that stops a man in the middle. */
    VERIFY_FULL;

    /**
     * The value pgjdbc expects ({@code verify-full}).
     *
     * @return the driver value
     */
    public String driverValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether the certificate is checked against a root.
     *
     * @return true for {@link #VERIFY_CA} and {@link #VERIFY_FULL}
     */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /**
     * Parses {@code verify-full}, {@code VERIFY_FULL} and the like.
     *
     * @param value the mode
     * @return the mode
     */
    static SslMode parse(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SslMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new ConfigurationException(ConfigKey.SSL_MODE.property(), ConfigKey.SSL_MODE.property()
                + " must be one of disable, allow, prefer, require, verify-ca, verify-full; got '" + value + "'");
    }

    @Override
    public String toString() {
        return driverValue();
    }
}
