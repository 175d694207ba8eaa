/**
 * Observability: the {@link dev.lumen.db.core.observe.QueryMetricsListener} (per-query timers, error counters,
 * slow-query log), N+1 detection, query budgets, and the metric names every lumen-db meter uses
 * ({@link dev.lumen.db.core.observe.MetricNames}). Each listener is also a
 * {@link dev.lumen.db.core.observe.StatementObserver}, so statements of the direct path count the same.
 */
@NullMarked
package dev.lumen.db.core.observe;

import org.jspecify.annotations.NullMarked;
