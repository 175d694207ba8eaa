package dev.lumen.db.core.migrate;

/** Where one migration stands. */
public enum MigrationState {
    /** Applied successfully. */
    APPLIED,
    /** Applied, but its script was edited afterwards (its checksum differs): revert the edit, or repair. */
    EDITED,
    /** Not applied yet. */
    PENDING,
    /** Not applied: its last attempt failed and was rolled back, so the schema is as before it. */
    FAILED_ROLLED_BACK,
    /** Recorded as failed by Flyway after a non-transactional script failed part-way: the schema is dirty. */
    FAILED,
    /** Applied, but its script is no longer in the migrations folder. */
    MISSING,
    /** Applied by a newer release than this one knows. */
    FUTURE,
    /** The baseline marker. */
    BASELINE,
    /** Found locally but ignored (older than the current version, out of order). */
    IGNORED,
    /** Any other Flyway state. */
    OTHER;

    /**
     * The label shown by {@code lumen-db migrate status}.
     *
     * @return lower-case words
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
