/**
 * One sealed, unchecked exception family. {@link dev.lumen.db.core.error.SqlStateTranslator} turns driver and
 * pool failures into it by SQLSTATE; messages carry what a caller needs (constraint, table, whether a retry
 * may help) and never bind values, row contents or passwords.
 */
@NullMarked
package dev.lumen.db.core.error;

import org.jspecify.annotations.NullMarked;
