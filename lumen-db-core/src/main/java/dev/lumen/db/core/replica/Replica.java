package dev.lumen.db.core.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.lumen.db.core.health.ReplicaStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read replica: its pool, its probe connection and what the last probes found. Serves reads while
 * {@link #healthy()}; ejected when a probe finds it too far behind, unreachable or no standby any more; admitted
 * again after {@code readmitAfter} good probes in a row.
 */
final class Replica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final String name;
    private final HikariDataSource pool;
    private final DataSource probeSource;
    private final Duration probeTimeout;
    private @Nullable Connection probe;

    private volatile boolean healthy;
    private volatile boolean probed;
    private volatile long replayed;
    private volatile long lagBytes;
    private volatile double lagSeconds;
    private volatile @Nullable String problem = "not probed yet";
    private int goodInARow;

    Replica(String name, HikariDataSource pool, DataSource probeSource, Duration probeTimeout) {
        this.name = name;
        this.pool = pool;
        this.probeSource = probeSource;
        this.probeTimeout = probeTimeout;
    }

    String name() {
        return name;
    }

    HikariDataSource pool() {
        return pool;
    }

    boolean healthy() {
        return healthy;
    }

    long replayed() {
        return replayed;
    }

    long lagBytes() {
        return lagBytes;
    }

    double lagSeconds() {
        return lagSeconds;
    }

    /** A position seen on one of this replica's own connections: replay never goes back, so keep the newest. */
    void sawReplayed(long position) {
        if (position > replayed) {
            replayed = position;
        }
    }

    /** Measures this replica once, against the primary's samples, and ejects or re-admits it. */
    synchronized void probe(WalSamples primary, long maxLagBytes, Duration maxLag, int readmitAfter) {
        ReplicaQueries.Replay replay;
        try {
            replay = ReplicaQueries.replay(probeConnection());
        } catch (SQLException | RuntimeException e) {
            closeProbe();
            bad("unreachable (" + (e instanceof SQLException sql ? "SQLSTATE " + sql.getSQLState() : "probe failed")
                    + ")");
            return;
        }
        if (!replay.inRecovery()) {
            bad("not a standby any more (promoted?)");
            return;
        }
        long now = System.nanoTime();
        sawReplayed(replay.replayed());
        long latest = primary.latest();
        lagBytes = latest < 0 ? 0 : Math.max(0, latest - replay.replayed());
        lagSeconds = primary.behindNanos(replay.replayed(), now) / 1e9;
        if (lagBytes > maxLagBytes) {
            bad("replay " + lagBytes + " bytes behind (threshold " + maxLagBytes + ")");
        } else if (lagSeconds > maxLag.toNanos() / 1e9) {
            bad(String.format(java.util.Locale.ROOT, "replay %.1f s behind (threshold %d ms)", lagSeconds,
                    maxLag.toMillis()));
        } else {
            good(readmitAfter);
        }
    }

    private void good(int readmitAfter) {
        goodInARow++;
        if (!healthy && (!probed || goodInARow >= readmitAfter)) {
            if (probed) {
                LOG.info("lumen-db replica {} re-admitted after {} good probes", name, goodInARow);
            }
            healthy = true;
            problem = null;
        }
        probed = true;
    }

    private void bad(String why) {
        goodInARow = 0;
        if (healthy) {
            LOG.warn("lumen-db replica {} ejected: {}", name, why);
        }
        healthy = false;
        probed = true;
        problem = why;
    }

    private Connection probeConnection() throws SQLException {
        Connection current = probe;
        if (current == null) {
            current = probeSource.getConnection();
            // Milliseconds, unlike socketTimeout: a probe never waits longer than its timeout for an answer.
            current.setNetworkTimeout(Runnable::run, (int) probeTimeout.toMillis());
            probe = current;
        }
        return current;
    }

    private void closeProbe() {
        Connection current = probe;
        probe = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                // Already broken.
            }
        }
    }

    ReplicaStatus status() {
        return new ReplicaStatus(name, healthy, replayed, lagBytes, lagSeconds, healthy ? null : problem);
    }

    @Override
    public synchronized void close() {
        closeProbe();
        pool.close();
    }

    @Override
    public String toString() {
        return "Replica[" + name + (healthy ? ", healthy" : ", ejected: " + problem) + "]";
    }
}
