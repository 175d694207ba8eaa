package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Read replicas, lag tracking, the pooler in front of the servers and the migrations' own URL. With no replicas
 * (the default) every transaction runs on the primary, as before.
 *
 * @param replicas       the replicas' addresses, credentials lifted out (a replica without its own user and
 *                       password logs in as {@code lumen.db.user})
 * @param discover       find the replicas in the primary's {@code pg_stat_replication} at start instead
 * @param maxLagBytes    a replica whose replay is further behind the primary's WAL than this is ejected
 * @param maxLag         a replica whose replay is further behind than this is ejected
 * @param probeInterval  how often each replica's lag is measured
 * @param probeTimeout   longest wait for one probe's answer; a replica that does not answer in time is ejected
 * @param tokenWait      how long a read with a {@code ConsistencyToken} waits for a replica to replay it before it
 *                       runs on the primary
 * @param readmitAfter   consecutive good probes before an ejected replica serves reads again
 * @param pooler         what sits in front of the servers
 * @param migrationsUrl  where migrations run, or {@code null} for {@code lumen.db.url}; required with PgBouncer in
 *                       transaction mode (Flyway's lock is a session-level advisory lock)
 */
public record ScaleOutConfig(List<PostgresUrl> replicas, boolean discover, long maxLagBytes, Duration maxLag,
        Duration probeInterval, Duration probeTimeout, Duration tokenWait, int readmitAfter, Pooler pooler,
        @Nullable PostgresUrl migrationsUrl) {

    /** Most replicas one instance routes to. */
    public static final int MAX_REPLICAS = 32;
    /** Longest probe interval: the issue of record asks for every replica at least every second. */
    public static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(1);

    /** Validates ranges and combinations. */
    public ScaleOutConfig {
        replicas = List.copyOf(replicas);
        if (replicas.size() > MAX_REPLICAS) {
            throw new ConfigurationException(ConfigKey.REPLICAS.property(), ConfigKey.REPLICAS.property()
                    + " names " + replicas.size() + " replicas, at most " + MAX_REPLICAS);
        }
        if (discover && !replicas.isEmpty()) {
            throw new ConfigurationException(ConfigKey.REPLICAS.property(), ConfigKey.REPLICAS.property()
                    + " is either 'discover' or a list of URLs, not both");
        }
        if (maxLagBytes < 1024 || maxLagBytes > (1L << 40)) {
            throw new ConfigurationException(ConfigKey.REPLICAS_MAX_LAG_BYTES.property(),
                    ConfigKey.REPLICAS_MAX_LAG_BYTES.property() + " must be between 1kB and 1TB, got " + maxLagBytes);
        }
        Checks.between(ConfigKey.REPLICAS_MAX_LAG, maxLag, Duration.ofMillis(100), Duration.ofHours(1));
        Checks.between(ConfigKey.REPLICAS_PROBE_INTERVAL, probeInterval, Duration.ofMillis(20), MAX_PROBE_INTERVAL);
        Checks.between(ConfigKey.REPLICAS_PROBE_TIMEOUT, probeTimeout, Duration.ofMillis(20), Duration.ofSeconds(10));
        Checks.atMost(ConfigKey.REPLICAS_TOKEN_WAIT, Checks.notNegative(ConfigKey.REPLICAS_TOKEN_WAIT, tokenWait),
                Duration.ofSeconds(30));
        Checks.range(ConfigKey.REPLICAS_READMIT_AFTER, readmitAfter, 1, 100);
        if (pooler == Pooler.PGBOUNCER_TRANSACTION && migrationsUrl == null) {
            throw new ConfigurationException(ConfigKey.MIGRATIONS_URL.property(), ConfigKey.MIGRATIONS_URL.property()
                    + " is required with " + ConfigKey.POOLER.property() + "=pgbouncer-transaction: migrations take a"
                    + " session-level lock and must reach PostgreSQL directly");
        }
    }

    /**
     * No replicas, no pooler: everything on the primary.
     *
     * @return the defaults
     */
    public static ScaleOutConfig none() {
        return new ScaleOutConfig(List.of(), false, 16L << 20, Duration.ofSeconds(5), Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(250), 3, Pooler.DIRECT, null);
    }

    /**
     * Whether reads can go anywhere but the primary.
     *
     * @return true with replicas listed or discovered
     */
    public boolean routesReads() {
        return discover || !replicas.isEmpty();
    }
}
