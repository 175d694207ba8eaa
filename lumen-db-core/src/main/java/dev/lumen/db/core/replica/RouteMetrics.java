package dev.lumen.db.core.replica;

import dev.lumen.db.core.observe.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code lumen.db.route}: where each routed transaction or reader statement ran, and why. */
final class RouteMetrics {

    /** Where a unit of work ran. */
    enum Target {
        PRIMARY, REPLICA;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why it ran there. */
    enum Reason {
        /** A transaction that may write: the primary. */
        WRITE,
        /** A read without a token: a healthy replica. */
        READ,
        /** A read whose token a replica had replayed (at once or within the wait budget). */
        TOKEN,
        /** A read with no healthy replica to go to: the primary. */
        LAGGING,
        /** A read whose token no replica replayed within the budget, or whose replica failed: the primary. */
        FALLBACK,
        /** A locking read (SELECT ... FOR UPDATE / SHARE) in a reader scope: the primary. */
        LOCKING;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Target target, Reason reason) {
        counters.computeIfAbsent(target.tag() + '|' + reason.tag(), key -> Counter.builder(MetricNames.ROUTE)
                .description("Transactions and reader statements routed, by where they ran and why")
                .tag(MetricNames.TARGET, target.tag())
                .tag(MetricNames.REASON, reason.tag())
                .register(registry)).increment();
    }
}
