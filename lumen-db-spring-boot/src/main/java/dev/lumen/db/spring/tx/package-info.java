/**
 * Spring transactions for lumen-db: the transaction manager that opens them as lumen-db's runner does
 * (isolation, read-only and timeout applied by the server), the ambient-transaction bridge and the
 * {@code @LumenTransactional} retry interceptor.
 */
@NullMarked
package dev.lumen.db.spring.tx;

import org.jspecify.annotations.NullMarked;
