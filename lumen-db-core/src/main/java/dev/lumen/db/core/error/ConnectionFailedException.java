package dev.lumen.db.core.error;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * lumen-db could not open a connection: its first one at start-up, or a later one the server refuses to log in
 * (a rotated password, a dropped role). {@link #reason()} says why in a form a program can act on (for example
 * to choose an exit code); only {@link Reason#UNREACHABLE} is retryable. The message names the server and never
 * the password.
 */
public final class ConnectionFailedException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the connection failed. */
    public enum Reason {
        /** Nothing listens at the address, or the host name does not resolve, or the connect timed out. */
        UNREACHABLE,
        /** The server refused the user or password. */
        AUTHENTICATION,
        /** The database named in the URL does not exist. */
        DATABASE_MISSING,
        /** TLS was required and failed (no TLS on the server, untrusted certificate, wrong host name). */
        TLS,
        /** The server's version is older than lumen-db supports. */
        UNSUPPORTED_SERVER,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param message  one line naming the server and the problem
     * @param reason   the classified reason
     * @param sqlState the SQLSTATE, if the server reported one
     * @param cause    the sanitized underlying failure
     */
    public ConnectionFailedException(String message, Reason reason, @Nullable String sqlState,
            @Nullable Throwable cause) {
        super(message, sqlState, cause);
        this.reason = reason;
    }

    /**
     * Why the connection failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    @Override
    public boolean retryable() {
        return reason == Reason.UNREACHABLE;
    }
}
