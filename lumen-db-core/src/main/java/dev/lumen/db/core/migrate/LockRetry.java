package dev.lumen.db.core.migrate;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a migration that gave up waiting for a lock: each attempt waits at most
 * {@code lumen.db.migrations.lock-attempt} for its locks, so application queries queued behind the migration's
 * lock request wait at most that long; between attempts the migration steps back (jittered, doubling from 50 ms
 * to 1 s) until {@code lumen.db.migrations.lock-timeout} has passed.
 */
final class LockRetry {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final Duration budget;
    private final long started = System.nanoTime();
    private int attempts = 1;

    /** @param budget the whole time allowed for lock waits; zero means no retries (no lock timeout at all) */
    LockRetry(Duration budget) {
        this.budget = budget;
    }

    /**
     * Sleeps before the next attempt, when the budget allows one.
     *
     * @return false when the budget is spent (or the thread was interrupted): give up
     */
    boolean pauseBeforeRetry() {
        if (budget.isZero()) {
            return false;
        }
        long ceiling = Math.min(LONGEST_PAUSE.toNanos(), FIRST_PAUSE.toNanos() << Math.min(attempts - 1, 10));
        long pause = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (elapsed().toNanos() + pause >= budget.toNanos()) {
            return false;
        }
        try {
            Thread.sleep(Duration.ofNanos(pause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        attempts++;
        return true;
    }

    /** How many attempts ran. */
    int attempts() {
        return attempts;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The end of a failure message: how long the migration kept trying. */
    String summary() {
        return attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + elapsed().toMillis()
                + " ms (lumen.db.migrations.lock-timeout " + budget.toMillis() + " ms)";
    }
}
