package dev.lumen.db.runtime;

import java.time.OffsetDateTime;
import org.jooq.Record;
import org.jooq.TableField;

/**
 * A generated table whose rows are {@link Timestamped}: it names its {@code created_at} and {@code updated_at}
 * columns.
 *
 * @param <R> the table's record type
 */
public interface TimestampedTable<R extends Record> {

    /**
     * The creation time column.
     *
     * @return {@code created_at}
     */
    TableField<R, OffsetDateTime> createdAtColumn();

    /**
     * The last-change time column.
     *
     * @return {@code updated_at}
     */
    TableField<R, OffsetDateTime> updatedAtColumn();
}
