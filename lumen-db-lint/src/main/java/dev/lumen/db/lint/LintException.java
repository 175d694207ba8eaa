package dev.lumen.db.lint;

import java.io.Serial;

/**
 * The linter could not run: the migrations folder is missing, or a file cannot be read. Violations are never
 * thrown; they are returned in a {@link LintReport}.
 */
public final class LintException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     * @param cause   the low-level failure, if any
     */
    public LintException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public LintException(String message) {
        super(message);
    }
}
