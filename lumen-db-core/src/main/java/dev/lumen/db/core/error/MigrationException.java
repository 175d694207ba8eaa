package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A migration command failed: a script failed (the transaction was rolled back), validation found a changed
 * or missing script, an undo script is missing, or a name is invalid.
 */
public final class MigrationException extends LumenDbException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final @Nullable String version;
    private final @Nullable String script;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param version the migration version concerned, if one
     * @param script  the script concerned, if one
     * @param cause   the underlying failure
     */
    public MigrationException(String message, @Nullable String version, @Nullable String script,
            @Nullable Throwable cause) {
        super(message, cause);
        this.version = version;
        this.script = script;
    }

    /**
     * Creates an exception that concerns no single migration.
     *
     * @param message what failed and what to do
     */
    public MigrationException(String message) {
        this(message, null, null, null);
    }

    /**
     * The version concerned.
     *
     * @return the version, or {@code null}
     */
    public @Nullable String version() {
        return version;
    }

    /**
     * The script concerned.
     *
     * @return the file name, or {@code null}
     */
    public @Nullable String script() {
        return script;
    }
}
