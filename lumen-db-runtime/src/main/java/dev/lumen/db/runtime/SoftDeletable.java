package dev.lumen.db.runtime;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A row of a table with a {@code deleted_at timestamptz} column: soft-deleted when it is set. lumen-db's generator
 * makes the records and POJOs of such tables implement it (switch: database property {@code lumen.softDeletable}).
 */
public interface SoftDeletable {

    /**
     * When the row was soft-deleted.
     *
     * @return the time, or {@code null} for a live row
     */
    @Nullable OffsetDateTime deletedAt();

    /**
     * Whether the row is soft-deleted.
     *
     * @return true when {@link #deletedAt()} is set
     */
    default boolean isDeleted() {
        return deletedAt() != null;
    }
}
