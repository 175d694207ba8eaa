/**
 * lumen-db's additions to jOOQ's code generator. {@link dev.lumen.db.codegen.LumenJavaGenerator} (the plugin's
 * default generator) makes records, POJOs and tables of tables with {@code deleted_at} implement
 * {@code SoftDeletable} / {@code SoftDeleteTable}, of tables with {@code created_at} and {@code updated_at} implement
 * {@code Timestamped} / {@code TimestampedTable}, and names POJOs in the singular with an English inflector
 * ({@link dev.lumen.db.codegen.Inflector}). Each is switched by a database property ({@link
 * dev.lumen.db.codegen.LumenOptions}). Extend the generator for your own additions.
 */
@NullMarked
package dev.lumen.db.codegen;

import org.jspecify.annotations.NullMarked;
