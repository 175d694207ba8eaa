package dev.lumen.db.core.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.Result;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every statement jOOQ executes, counts failures by SQLSTATE class, and logs statements slower than the
 * threshold with their SQL (placeholders only), duration and row count. Bind values are added to that log line
 * only when explicitly enabled.
 *
 * <p>Per-execution state lives in {@link ExecuteContext#data()}, so one listener instance serves all threads.
 * Register it after the exception-translating listener so failures are already classified. Statements of the
 * direct path reach it through {@link StatementObserver} and are recorded the same way.
 */
public final class QueryMetricsListener implements ExecuteListener, StatementObserver {

    private static final Logger SLOW_LOG = LoggerFactory.getLogger("dev.lumen.db.slow-query");
    private static final Object START = new Object();
    private static final int MAX_SQL_LENGTH = 2_000;
    private static final int MAX_BIND_LENGTH = 100;
    private static final String JOOQ = "jooq";
    private static final String DIRECT = "direct";

    private final MeterRegistry registry;
    private final long slowNanos;
    private final boolean logBindValues;
    /**
     * One pre-built success timer per {@link StatementKind} and path (jOOQ's, the direct one) and one slow
     * counter per kind: the hot path allocates nothing.
     */
    private final Timer[] successTimers;
    private final Timer[] directSuccessTimers;
    private final Counter[] slowCounters;
    private final Map<String, Timer> errorTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errorCounters = new ConcurrentHashMap<>();

    /**
     * Creates the listener.
     *
     * @param registry           where the meters go
     * @param slowQueryThreshold statements at least this slow are logged
     * @param logBindValues      add bind values to slow-query lines
     */
    public QueryMetricsListener(MeterRegistry registry, Duration slowQueryThreshold, boolean logBindValues) {
        this.registry = registry;
        this.slowNanos = slowQueryThreshold.toNanos();
        this.logBindValues = logBindValues;
        this.successTimers = Arrays.stream(StatementKind.values())
                .map(kind -> timer(kind.tag(), "success", "none", JOOQ))
                .toArray(Timer[]::new);
        this.directSuccessTimers = Arrays.stream(StatementKind.values())
                .map(kind -> timer(kind.tag(), "success", "none", DIRECT))
                .toArray(Timer[]::new);
        this.slowCounters = Arrays.stream(StatementKind.values())
                .map(kind -> Counter.builder(MetricNames.SLOW_QUERIES)
                        .description("Statements slower than the slow-query threshold")
                        .tag(MetricNames.TYPE, kind.tag())
                        .register(registry))
                .toArray(Counter[]::new);
    }

    private Timer timer(String type, String outcome, String sqlStateClass, String path) {
        return Timer.builder(MetricNames.QUERY)
                .description("Statements executed, through jOOQ or the direct path")
                .tag(MetricNames.TYPE, type)
                .tag(MetricNames.OUTCOME, outcome)
                .tag(MetricNames.SQLSTATE_CLASS, sqlStateClass)
                .tag(MetricNames.PATH, path)
                .register(registry);
    }

    @Override
    public void start(ExecuteContext ctx) {
        ctx.data(START, System.nanoTime());
    }

    @Override
    public void end(ExecuteContext ctx) {
        Object started = ctx.data(START);
        if (!(started instanceof Long startNanos)) {
            return;
        }
        // end() may run twice for one execution on some paths; record once.
        ctx.data().remove(START);
        long nanos = System.nanoTime() - startNanos;
        StatementKind kind = StatementKind.of(ctx);
        RuntimeException failure = ctx.exception();
        if (record(kind, nanos, failure, false)) {
            String sql = ctx.sql();
            if (sql == null && ctx.batchSQL().length > 0) {
                sql = ctx.batchSQL()[0] + (ctx.batchSQL().length > 1 ? " (+" + (ctx.batchSQL().length - 1) + " more)" : "");
            }
            Query query = ctx.query();
            logSlow(kind, nanos, rows(ctx), failure, String.valueOf(sql), logBindValues && query != null ? query.getBindValues() : List.of());
        }
    }

    @Override
    public void executed(ExecutedStatement statement) {
        if (record(statement.kind(), statement.nanos(), statement.failure(), true)) {
            logSlow(statement.kind(), statement.nanos(), statement.rows(), statement.failure(), statement.sql(),
                    statement.bindValues());
        }
    }

    /** Records the timing and the failure, if any; returns whether the statement was slow. */
    private boolean record(StatementKind kind, long nanos, @Nullable RuntimeException failure, boolean direct) {
        if (failure == null) {
            (direct ? directSuccessTimers : successTimers)[kind.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        } else {
            recordFailure(kind, failure, nanos, direct ? DIRECT : JOOQ);
        }
        if (nanos >= slowNanos) {
            slowCounters[kind.ordinal()].increment();
            return true;
        }
        return false;
    }

    private void recordFailure(StatementKind kind, RuntimeException failure, long nanos, String path) {
        String sqlStateClass = ErrorKinds.sqlStateClass(failure);
        String error = ErrorKinds.kind(failure);
        errorTimers.computeIfAbsent(kind.tag() + '|' + sqlStateClass + '|' + path,
                        key -> timer(kind.tag(), "error", sqlStateClass, path))
                .record(nanos, TimeUnit.NANOSECONDS);
        errorCounters.computeIfAbsent(kind.tag() + '|' + sqlStateClass + '|' + error,
                        key -> Counter.builder(MetricNames.QUERY_ERRORS)
                                .description("Statements that failed")
                                .tag(MetricNames.TYPE, kind.tag())
                                .tag(MetricNames.SQLSTATE_CLASS, sqlStateClass)
                                .tag(MetricNames.ERROR, error)
                                .register(registry))
                .increment();
    }

    private void logSlow(StatementKind kind, long nanos, long rows, @Nullable RuntimeException failure, String sql,
            List<?> bindValues) {
        if (!SLOW_LOG.isWarnEnabled()) {
            return;
        }
        String binds = logBindValues ? " binds=" + bindValues(bindValues) : "";
        SLOW_LOG.warn("Slow {} ({} ms, {} rows{}): {}{}", kind.tag(), TimeUnit.NANOSECONDS.toMillis(nanos), rows,
                failure == null ? "" : ", failed: " + ErrorKinds.kind(failure), truncate(sql, MAX_SQL_LENGTH), binds);
    }

    private static long rows(ExecuteContext ctx) {
        Result<?> result = ctx.result();
        if (result != null) {
            return result.size();
        }
        return ctx.rows();
    }

    private static String bindValues(List<?> values) {
        return values.stream()
                .map(value -> truncate(String.valueOf(value), MAX_BIND_LENGTH))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
