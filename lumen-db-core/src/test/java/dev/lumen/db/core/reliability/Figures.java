package dev.lumen.db.core.reliability;

import java.time.Duration;
import java.util.List;

/** Reliability tests print what they measured in one greppable format, for the README's Reliability table. */
final class Figures {

    /** Multiplier for the long-running soak mode: {@code ./mvnw verify -Dlumen.soak=true}. */
    static final boolean SOAK = Boolean.getBoolean("lumen.soak");

    private Figures() {
    }

    static void report(String test, String figure) {
        System.out.println("[reliability] " + test + ": " + figure);
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    static long percentileMillis(List<Duration> durations, double percentile) {
        List<Long> sorted = durations.stream().map(Duration::toMillis).sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(percentile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }
}
