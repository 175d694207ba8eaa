/**
 * Repository support: {@link dev.lumen.db.repository.TableRepository} gives any generated table with a primary
 * key find/get/insert/update/soft delete/restore/exists/count/list/keyset/bulk insert, built from typed
 * {@link dev.lumen.db.repository.Filter}s, allow-listed {@link dev.lumen.db.repository.Sort}s and validated
 * {@link dev.lumen.db.repository.PageRequest}s. No method builds SQL from strings.
 */
@NullMarked
package dev.lumen.db.repository;

import org.jspecify.annotations.NullMarked;
