package dev.lumen.db.runtime;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A row of a table with {@code created_at} and {@code updated_at timestamptz} columns. lumen-db's generator makes the
 * records and POJOs of such tables implement it (switch: database property {@code lumen.timestamped}). Both are
 * {@code null} only in a record that was not read from the database.
 */
public interface Timestamped {

    /**
     * When the row was created.
     *
     * @return the time
     */
    @Nullable OffsetDateTime createdAt();

    /**
     * When the row last changed.
     *
     * @return the time
     */
    @Nullable OffsetDateTime updatedAt();
}
