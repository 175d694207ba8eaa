/**
 * Observability: the {@link dev.lumen.db.core.observe.QueryMetricsListener} (per-query timers, error counters,
 * slow-query log) and the metric names every lumen-db meter uses ({@link dev.lumen.db.core.observe.MetricNames}).
 */
@NullMarked
package dev.lumen.db.core.observe;

import org.jspecify.annotations.NullMarked;
