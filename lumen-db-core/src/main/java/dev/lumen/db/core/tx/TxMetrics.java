package dev.lumen.db.core.tx;

import dev.lumen.db.core.observe.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The transaction meters: duration by outcome, retries and exhausted retries by reason. */
final class TxMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void committed(TxOptions options, long nanos) {
        timer("committed", options).record(nanos, TimeUnit.NANOSECONDS);
    }

    void rolledBack(TxOptions options, long nanos) {
        timer("rolled_back", options).record(nanos, TimeUnit.NANOSECONDS);
    }

    void retried(String reason) {
        counter(MetricNames.TRANSACTION_RETRIES, reason, "Transaction attempts rerun after a conflict").increment();
    }

    void exhausted(String reason) {
        counter(MetricNames.TRANSACTION_RETRIES_EXHAUSTED, reason, "Transactions that failed after their last retry")
                .increment();
    }

    private Timer timer(String outcome, TxOptions options) {
        String key = outcome + '|' + options.isolation().tag() + '|' + options.readOnly();
        return timers.computeIfAbsent(key, k -> Timer.builder(MetricNames.TRANSACTION)
                .description("Transactions run by the transaction runner, retries included")
                .tag(MetricNames.OUTCOME, outcome)
                .tag(MetricNames.ISOLATION, options.isolation().tag())
                .tag(MetricNames.READ_ONLY, Boolean.toString(options.readOnly()))
                .register(registry));
    }

    private Counter counter(String name, String reason, String description) {
        return counters.computeIfAbsent(name + '|' + reason, k -> Counter.builder(name)
                .description(description)
                .tag(MetricNames.REASON, reason)
                .register(registry));
    }
}
