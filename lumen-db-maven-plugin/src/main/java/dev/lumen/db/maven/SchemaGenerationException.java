package dev.lumen.db.maven;

import java.io.Serial;

/**
 * Code generation failed for a reason the user can act on: a broken migration, an unreachable server,
 * no Docker for the {@code testcontainers} provider, a bad setting. The message is one readable
 * paragraph; it never contains a password.
 */
public final class SchemaGenerationException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public SchemaGenerationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying cause kept for {@code -e} / debug output.
     *
     * @param message what went wrong and what to do about it
     * @param cause   the low-level failure
     */
    public SchemaGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
