/**
 * What generated jOOQ classes refer to at run time: the interfaces lumen-db's generator adds to records and POJOs
 * ({@link dev.lumen.db.runtime.SoftDeletable}, {@link dev.lumen.db.runtime.Timestamped}) and to tables
 * ({@link dev.lumen.db.runtime.SoftDeleteTable}, {@link dev.lumen.db.runtime.TimestampedTable}), and
 * {@link dev.lumen.db.runtime.JsonConverter}, a Jackson converter for {@code json}/{@code jsonb} forced types.
 */
@NullMarked
package dev.lumen.db.runtime;

import org.jspecify.annotations.NullMarked;
