package dev.lumen.db.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The paired harness: runs two bodies alternately in short rounds (the order flips every round) and takes the
 * median of the per-round ratios, so a noisy neighbour that slows one stretch of time slows both sides of the
 * same round and a run-to-run drift cancels out.
 */
public final class Paired {

    /** Keeps results alive so the JIT cannot drop the bodies. */
    static volatile int sink;

    private Paired() {
    }

    /**
     * The outcome.
     *
     * @param medianA     median over rounds of body A's mean time per call, nanoseconds
     * @param medianB     the same for body B
     * @param ratio       median over rounds of A / B
     * @param difference  median over rounds of A - B, nanoseconds per call
     * @param rounds      rounds measured
     * @param callsPerRound calls of each body per round
     */
    public record Result(double medianA, double medianB, double ratio, double difference, int rounds,
            int callsPerRound) {
    }

    /**
     * Measures.
     *
     * @param a             the lumen-db body
     * @param b             the baseline body
     * @param warmupRounds  rounds run first and thrown away
     * @param rounds        rounds measured
     * @param callsPerRound calls of each body per round
     * @return medians
     */
    public static Result run(Callable<?> a, Callable<?> b, int warmupRounds, int rounds, int callsPerRound) {
        for (int i = 0; i < warmupRounds; i++) {
            time(a, callsPerRound);
            time(b, callsPerRound);
        }
        double[] as = new double[rounds];
        double[] bs = new double[rounds];
        double[] ratios = new double[rounds];
        double[] diffs = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                as[round] = time(a, callsPerRound);
                bs[round] = time(b, callsPerRound);
            } else {
                bs[round] = time(b, callsPerRound);
                as[round] = time(a, callsPerRound);
            }
            ratios[round] = as[round] / bs[round];
            diffs[round] = as[round] - bs[round];
        }
        return new Result(median(as), median(bs), median(ratios), median(diffs), rounds, callsPerRound);
    }

    /**
     * Mean nanoseconds per call of {@code calls} consecutive calls.
     *
     * @param body  the body
     * @param calls how many
     * @return nanoseconds per call
     */
    static double time(Callable<?> body, int calls) {
        long started = System.nanoTime();
        int hash = 0;
        try {
            for (int i = 0; i < calls; i++) {
                hash += System.identityHashCode(body.call());
            }
        } catch (Exception e) {
            throw new IllegalStateException("benchmark body failed: " + e, e);
        }
        long elapsed = System.nanoTime() - started;
        sink += hash;
        return (double) elapsed / calls;
    }

    /**
     * The median (mean of the middle two for an even count).
     *
     * @param values the values (not modified)
     * @return the median, NaN for none
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
