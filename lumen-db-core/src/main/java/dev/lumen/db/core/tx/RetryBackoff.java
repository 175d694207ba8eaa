package dev.lumen.db.core.tx;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * "Full jitter" exponential backoff between transaction attempts: a random wait between zero and
 * {@code min(cap, base * 2^(attempt-1))}, so retrying transactions spread out instead of colliding again.
 *
 * @param base the ceiling of the first wait
 * @param cap  the largest ceiling
 */
record RetryBackoff(Duration base, Duration cap) {

    /** 10 ms doubling up to 1 s: enough for hot-row conflicts without stalling a request for long. */
    static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(10), Duration.ofSeconds(1));

    /**
     * The wait before retry number {@code attempt} (1 for the first retry).
     *
     * @param attempt the retry number
     * @return the wait
     */
    Duration delay(int attempt) {
        long ceiling = base.toNanos() << Math.min(attempt - 1, 30);
        long bounded = Math.min(cap.toNanos(), ceiling <= 0 ? cap.toNanos() : ceiling);
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(bounded + 1));
    }

    /**
     * Sleeps before retry {@code attempt}.
     *
     * @param attempt the retry number
     * @return false when interrupted (the interrupt flag is restored)
     */
    boolean sleep(int attempt) {
        try {
            Thread.sleep(delay(attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
