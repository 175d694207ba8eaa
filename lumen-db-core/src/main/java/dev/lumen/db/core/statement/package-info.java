/**
 * The direct path: a jOOQ query rendered to SQL once per shape, then executed many times straight through JDBC
 * with fresh bind values ({@link dev.lumen.db.core.statement.RenderedQuery}), as jOOQ's manual suggests for hot
 * statements. Metrics, error translation, N+1 detection and query budgets apply exactly as on jOOQ's path.
 */
@NullMarked
package dev.lumen.db.core.statement;

import org.jspecify.annotations.NullMarked;
