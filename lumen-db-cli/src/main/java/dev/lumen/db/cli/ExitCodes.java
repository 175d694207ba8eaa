package dev.lumen.db.cli;

import dev.lumen.db.core.error.ConfigurationException;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.error.DatabaseException;
import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.error.UnavailableException;

/** The command's exit codes; documented in the README and in {@code --help}. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** An unexpected failure (a bug: run again with --verbose and report it). */
    public static final int FAILURE = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** The database could not be reached or refused the login. */
    public static final int CONNECTION = 3;
    /** A migration failed, or validation found a problem. */
    public static final int MIGRATION = 4;
    /** Invalid configuration. */
    public static final int CONFIGURATION = 5;
    /** {@code health}: the database is reachable but DEGRADED. */
    public static final int DEGRADED = 6;
    /** A statement failed (constraint violation, invalid input, timeout). */
    public static final int DATABASE = 7;

    private ExitCodes() {
    }

    /**
     * The exit code for a failure.
     *
     * @param failure what was thrown
     * @return the code
     */
    static int of(Throwable failure) {
        return switch (failure) {
            case ConnectionFailedException e -> CONNECTION;
            case UnavailableException e -> CONNECTION;
            case dev.lumen.db.core.error.CommitOutcomeUnknownException e -> CONNECTION;
            case MigrationException e when e.getCause() instanceof UnavailableException -> CONNECTION;
            case MigrationException e -> MIGRATION;
            case ConfigurationException e -> CONFIGURATION;
            case DevDatabase.StartFailure e -> CONNECTION;
            case DatabaseException e -> DATABASE;
            default -> FAILURE;
        };
    }
}
