package dev.lumen.db.runtime;

import java.time.OffsetDateTime;
import org.jooq.Record;
import org.jooq.TableField;

/**
 * A generated table whose rows are {@link SoftDeletable}: it names its {@code deleted_at} column, so that code
 * working on any table (lumen-db's {@code TableRepository}) soft-deletes through the column the generator found
 * rather than looking a column up by name.
 *
 * @param <R> the table's record type
 */
public interface SoftDeleteTable<R extends Record> {

    /**
     * The column stamped on soft delete.
     *
     * @return the {@code deleted_at} column of this table (of this alias, for an aliased table)
     */
    TableField<R, OffsetDateTime> deletedAtColumn();
}
