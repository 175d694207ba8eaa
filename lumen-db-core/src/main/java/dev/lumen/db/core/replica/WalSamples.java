package dev.lumen.db.core.replica;

/**
 * The primary's WAL position over the last minutes, sampled once per probe round, so that a replica's lag in time
 * is "how long ago the primary passed the position the replica has replayed" (independent of clocks and of
 * whether the primary was idle; {@code now() - pg_last_xact_replay_timestamp()} would call a caught-up replica of
 * an idle primary minutes behind).
 */
final class WalSamples {

    private final long[] times;
    private final long[] positions;
    private int next;
    private int size;

    WalSamples(int capacity) {
        this.times = new long[capacity];
        this.positions = new long[capacity];
    }

    synchronized void add(long nanos, long position) {
        times[next] = nanos;
        positions[next] = position;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The newest primary position, or -1 before the first sample. */
    synchronized long latest() {
        return size == 0 ? -1 : positions[(next - 1 + times.length) % times.length];
    }

    /** Nanoseconds since the primary first stood past {@code replayed}, as far as the samples show; 0 if never. */
    synchronized long behindNanos(long replayed, long now) {
        long oldestPast = -1;
        for (int i = 0; i < size; i++) {
            int index = (next - 1 - i + times.length) % times.length;
            if (positions[index] > replayed) {
                oldestPast = times[index];
            } else {
                break;
            }
        }
        return oldestPast < 0 ? 0 : Math.max(0, now - oldestPast);
    }
}
