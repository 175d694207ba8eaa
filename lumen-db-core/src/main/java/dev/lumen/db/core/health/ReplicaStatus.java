package dev.lumen.db.core.health;

import org.jspecify.annotations.Nullable;

/**
 * A read replica as the last lag probe found it.
 *
 * @param name       {@code host:port}
 * @param healthy    whether it serves reads
 * @param replayed   its replay position ({@code pg_last_wal_replay_lsn()}) as a byte position
 * @param lagBytes   how far its replay is behind the primary's WAL
 * @param lagSeconds how long ago the primary passed its replay position
 * @param problem    why it is ejected, or {@code null} while healthy
 */
public record ReplicaStatus(String name, boolean healthy, long replayed, long lagBytes, double lagSeconds,
        @Nullable String problem) {
}
