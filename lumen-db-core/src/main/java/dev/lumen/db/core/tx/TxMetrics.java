package dev.lumen.db.core.tx;

import dev.lumen.db.core.observe.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The transaction meters: duration by outcome (committed, rolled back, unknown), retries and exhausted retries by reason. */
final class TxMetrics {

    /** Tag values of {@link MetricNames#OUTCOME}, by index. */
    private static final String[] OUTCOMES = {"committed", "rolled_back", "unknown"};

    private final MeterRegistry registry;
    /** By outcome, isolation and read-only: looked up by index, since every transaction records one. */
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(OUTCOMES.length * Isolation.values().length * 2);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void committed(TxOptions options, long nanos) {
        timer(0, options).record(nanos, TimeUnit.NANOSECONDS);
    }

    void rolledBack(TxOptions options, long nanos) {
        timer(1, options).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The connection was lost after COMMIT was sent: whether it committed is unknown. */
    void outcomeUnknown(TxOptions options, long nanos) {
        timer(2, options).record(nanos, TimeUnit.NANOSECONDS);
    }

    void retried(String reason) {
        counter(MetricNames.TRANSACTION_RETRIES, reason, "Transaction attempts rerun after a conflict").increment();
    }

    void exhausted(String reason) {
        counter(MetricNames.TRANSACTION_RETRIES_EXHAUSTED, reason, "Transactions that failed after their last retry")
                .increment();
    }

    private Timer timer(int outcome, TxOptions options) {
        int index = (outcome * Isolation.values().length + options.isolation().ordinal()) * 2 + (options.readOnly() ? 1 : 0);
        Timer timer = timers.get(index);
        if (timer == null) {
            // Registering twice is harmless: the registry returns the same timer for the same name and tags.
            timer = Timer.builder(MetricNames.TRANSACTION)
                    .description("Transactions run by the transaction runner, retries included")
                    .tag(MetricNames.OUTCOME, OUTCOMES[outcome])
                    .tag(MetricNames.ISOLATION, options.isolation().tag())
                    .tag(MetricNames.READ_ONLY, Boolean.toString(options.readOnly()))
                    .register(registry);
            timers.set(index, timer);
        }
        return timer;
    }

    private Counter counter(String name, String reason, String description) {
        return counters.computeIfAbsent(name + '|' + reason, k -> Counter.builder(name)
                .description(description)
                .tag(MetricNames.REASON, reason)
                .register(registry));
    }
}
