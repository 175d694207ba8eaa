package dev.lumen.db.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop throughput with a fixed number of client threads, platform or virtual: every thread calls the body
 * back to back until the deadline.
 */
public final class Throughput {

    private Throughput() {
    }

    /** Which threads carry the clients. */
    public enum Threads {
        /** Ordinary platform threads. */
        PLATFORM,
        /** Virtual threads. */
        VIRTUAL
    }

    /**
     * Runs the body on {@code clients} threads for {@code millis} milliseconds.
     *
     * @param body    the body
     * @param clients client threads
     * @param millis  duration
     * @param kind    platform or virtual threads
     * @return completed calls per second
     */
    public static double run(Runnable body, int clients, long millis, Threads kind) {
        LongAdder done = new LongAdder();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>(clients);
        Thread.Builder builder = kind == Threads.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        for (int i = 0; i < clients; i++) {
            threads.add(builder.start(() -> {
                ready.countDown();
                try {
                    go.await();
                    long deadline = window[1];
                    while (System.nanoTime() < deadline) {
                        body.run();
                        done.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        try {
            ready.await();
            window[0] = System.nanoTime();
            window[1] = window[0] + millis * 1_000_000;
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("throughput body failed: " + failure.get(), failure.get());
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        return done.sum() / seconds;
    }

    /**
     * Alternates two loads in rounds and returns the median of per-round ratios {@code b / a} of throughput.
     *
     * @param a       first load
     * @param kindA   its threads
     * @param b       second load
     * @param kindB   its threads
     * @param clients client threads
     * @param millis  duration of each half round
     * @param rounds  rounds
     * @return {@code [median ops/s of a, median ops/s of b, median of b/a]}
     */
    public static double[] paired(Runnable a, Threads kindA, Runnable b, Threads kindB, int clients, long millis,
            int rounds) {
        run(a, clients, millis, kindA);
        run(b, clients, millis, kindB);
        double[] as = new double[rounds];
        double[] bs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                as[round] = run(a, clients, millis, kindA);
                bs[round] = run(b, clients, millis, kindB);
            } else {
                bs[round] = run(b, clients, millis, kindB);
                as[round] = run(a, clients, millis, kindA);
            }
            ratios[round] = bs[round] / as[round];
        }
        return new double[] {Paired.median(as), Paired.median(bs), Paired.median(ratios)};
    }
}
