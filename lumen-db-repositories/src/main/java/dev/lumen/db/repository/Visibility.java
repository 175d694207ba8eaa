package dev.lumen.db.repository;

/** Which rows of a soft-deleting table a read sees. */
public enum Visibility {
    /** Rows not soft-deleted (the default everywhere). */
    LIVE,
    /** Every row. */
    ALL,
    /** Only soft-deleted rows. */
    DELETED
}
