/**
 * The lumen-db runtime. {@link dev.lumen.db.core.LumenDb#start} opens a validated, metered pool and hands out
 * the shared {@code DSLContext}, the transaction runner, the migrator and the health checker.
 */
@NullMarked
package dev.lumen.db.core;

import org.jspecify.annotations.NullMarked;
