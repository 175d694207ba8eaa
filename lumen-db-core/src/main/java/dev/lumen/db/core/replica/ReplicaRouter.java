package dev.lumen.db.core.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.lumen.db.core.config.ConnectionConfig;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.PostgresUrl;
import dev.lumen.db.core.config.ScaleOutConfig;
import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.health.ReplicaStatus;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.pool.ConnectionPools;
import dev.lumen.db.core.replica.RouteMetrics.Reason;
import dev.lumen.db.core.replica.RouteMetrics.Target;
import dev.lumen.db.core.tx.ConsistencyToken;
import dev.lumen.db.core.tx.TxConnections;
import dev.lumen.db.core.tx.TxOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides per transaction where it runs: writes on the primary; read-only transactions on a healthy replica; a
 * read with a {@link ConsistencyToken} on a replica that has replayed it (from the probe's last reading, else by
 * asking the chosen replica until the wait budget is spent), else on the primary. Lag probes run on threads of
 * their own, every {@code probe-interval}. Every decision counts on {@code lumen.db.route}.
 */
public final class ReplicaRouter implements TxConnections, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouter.class);
    private static final Duration MAX_REPLICA_BORROW = Duration.ofSeconds(1);

    private final ScaleOutConfig settings;
    private final PrimaryConnections primary;
    private final List<Replica> replicas;
    private final WalSamples samples;
    private final RouteMetrics metrics;
    private final PrimaryProbe primaryProbe;
    private final ScheduledExecutorService probes;
    private final Duration borrowTimeout;
    private final AtomicInteger next = new AtomicInteger();

    private ReplicaRouter(DatabaseConfig config, PrimaryConnections primary, List<Replica> replicas,
            PrimaryProbe primaryProbe, MeterRegistry registry) {
        this.settings = config.scaleOut();
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.primaryProbe = primaryProbe;
        this.metrics = new RouteMetrics(registry);
        int rounds = (int) Math.min(4096, Duration.ofMinutes(2).toMillis() / settings.probeInterval().toMillis() + 2);
        this.samples = new WalSamples(Math.max(rounds, (int) (settings.maxLag().toMillis()
                / settings.probeInterval().toMillis()) + 8));
        this.borrowTimeout = config.pool().acquireTimeout().compareTo(MAX_REPLICA_BORROW) < 0
                ? config.pool().acquireTimeout() : MAX_REPLICA_BORROW;
        AtomicInteger threads = new AtomicInteger();
        this.probes = Executors.newScheduledThreadPool(replicas.size() + 1, task -> {
            Thread thread = new Thread(task, "lumen-db-replica-probe-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (Replica replica : this.replicas) {
            Gauge.builder(MetricNames.REPLICA_LAG_BYTES, replica, Replica::lagBytes).baseUnit("bytes")
                    .description("Replay lag behind the primary's WAL").tag(MetricNames.REPLICA, replica.name())
                    .register(registry);
            Gauge.builder(MetricNames.REPLICA_LAG_SECONDS, replica, Replica::lagSeconds).baseUnit("seconds")
                    .description("How long ago the primary passed the replica's replay position")
                    .tag(MetricNames.REPLICA, replica.name()).register(registry);
            Gauge.builder(MetricNames.REPLICA_HEALTHY, replica, r -> r.healthy() ? 1 : 0)
                    .description("1 while the replica serves reads, 0 while ejected")
                    .tag(MetricNames.REPLICA, replica.name()).register(registry);
        }
    }

    /**
     * Opens the replicas' pools (listed, or discovered on the primary), probes each once, and starts the probes.
     *
     * @param config      the configuration
     * @param primaryPool the primary's pool
     * @param registry    where the meters go
     * @return the router
     */
    public static ReplicaRouter start(DatabaseConfig config, HikariDataSource primaryPool, MeterRegistry registry) {
        ScaleOutConfig settings = config.scaleOut();
        List<PostgresUrl> urls = new ArrayList<>(settings.replicas());
        if (settings.discover()) {
            try (Connection connection = primaryPool.getConnection()) {
                for (String url : ReplicaQueries.streamingStandbys(connection)) {
                    urls.add(PostgresUrl.parse(url));
                }
            } catch (SQLException e) {
                throw SqlStateTranslator.translate(e);
            }
            LOG.info("lumen-db discovered {} replicas in pg_stat_replication", urls.size());
        }
        List<Replica> replicas = new ArrayList<>();
        for (PostgresUrl url : urls) {
            ConnectionConfig connection = config.connection().at(url);
            String name = name(url);
            HikariDataSource pool = ConnectionPools.openReplica(config, connection, name, registry);
            replicas.add(new Replica(name, pool, ConnectionPools.driverDataSource(connection, connection.user(),
                    connection.password(), settings.pooler(), false), settings.probeTimeout()));
        }
        PrimaryProbe primaryProbe = new PrimaryProbe(ConnectionPools.driverDataSource(config.connection(),
                config.connection().user(), config.connection().password(), settings.pooler(), false),
                settings.probeTimeout());
        ReplicaRouter router = new ReplicaRouter(config, new PrimaryConnections(primaryPool), replicas, primaryProbe,
                registry);
        router.probeAll();
        router.schedule();
        return router;
    }

    /** {@code host:port} of a replica URL's first host: a meter tag and log name that can hold no secret. */
    static String name(PostgresUrl url) {
        String hosts = url.server().substring(0, Math.max(0, url.server().indexOf('/')));
        String first = hosts.split(",")[0];
        return first.lastIndexOf(':') > first.lastIndexOf(']') ? first : first + ":5432";
    }

    private void schedule() {
        long interval = settings.probeInterval().toMillis();
        probes.scheduleWithFixedDelay(this::samplePrimary, interval, interval, TimeUnit.MILLISECONDS);
        for (Replica replica : replicas) {
            probes.scheduleWithFixedDelay(() -> probe(replica), interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void probeAll() {
        samplePrimary();
        replicas.forEach(this::probe);
    }

    private void samplePrimary() {
        long position = primaryProbe.position();
        if (position >= 0) {
            samples.add(System.nanoTime(), position);
        }
    }

    private void probe(Replica replica) {
        try {
            replica.probe(samples, settings.maxLagBytes(), settings.maxLag(), settings.readmitAfter());
        } catch (RuntimeException e) {
            // A probe must never die: the scheduler would stop running it.
            LOG.warn("lumen-db replica probe of {} failed: {}", replica.name(), e.toString());
        }
    }

    @Override
    public Connection open(TxOptions options) throws SQLException {
        if (!options.readOnly()) {
            metrics.record(Target.PRIMARY, Reason.WRITE);
            return primary.borrow();
        }
        return read(options.after());
    }

    /**
     * A connection for reading: a healthy replica's, one that has replayed {@code token} if given, else the
     * primary's.
     *
     * @param token the write the read must see, or {@code null}
     * @return the connection
     * @throws SQLException when not even the primary has one
     */
    public Connection read(@Nullable ConsistencyToken token) throws SQLException {
        List<Replica> healthy = replicas.stream().filter(Replica::healthy).toList();
        if (healthy.isEmpty()) {
            metrics.record(Target.PRIMARY, Reason.LAGGING);
            return primary.borrow();
        }
        if (token == null) {
            Connection connection = borrow(pick(healthy));
            if (connection != null) {
                metrics.record(Target.REPLICA, Reason.READ);
                return connection;
            }
            metrics.record(Target.PRIMARY, Reason.FALLBACK);
            return primary.borrow();
        }
        List<Replica> caughtUp = healthy.stream().filter(r -> token.reachedBy(r.replayed())).toList();
        Replica chosen = caughtUp.isEmpty() ? healthy.stream().max(Comparator.comparingLong(Replica::replayed))
                .orElseThrow() : pick(caughtUp);
        Connection connection = borrow(chosen);
        if (connection != null && (!caughtUp.isEmpty() || awaitReplay(chosen, connection, token))) {
            metrics.record(Target.REPLICA, Reason.TOKEN);
            return connection;
        }
        close(connection);
        metrics.record(Target.PRIMARY, Reason.FALLBACK);
        return primary.borrow();
    }

    /**
     * A connection for a locking read (SELECT ... FOR UPDATE / SHARE): always the primary's.
     *
     * @return the connection
     * @throws SQLException when the primary has none
     */
    public Connection locking() throws SQLException {
        metrics.record(Target.PRIMARY, Reason.LOCKING);
        return primary.borrow();
    }

    private Replica pick(List<Replica> candidates) {
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }

    private @Nullable Connection borrow(Replica replica) {
        try {
            return ConnectionPools.borrow(replica.pool(), borrowTimeout);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("No connection from replica {}: {}", replica.name(), e.toString());
            return null;
        }
    }

    /** Asks the replica for its replay position until it reaches the token or the budget is spent. */
    private boolean awaitReplay(Replica replica, Connection connection, ConsistencyToken token) {
        long deadline = System.nanoTime() + settings.tokenWait().toNanos();
        long pause = 1;
        try {
            while (true) {
                long replayed = ReplicaQueries.replayed(connection);
                replica.sawReplayed(replayed);
                if (token.reachedBy(replayed)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                pause = Math.min(pause * 2, 10);
            }
        } catch (SQLException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void close(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Returned or gone either way.
            }
        }
    }

    @Override
    public void evict(Connection connection) {
        primary.evict(connection);
    }

    /**
     * Every replica as its last probe found it.
     *
     * @return one status per replica, in configuration order
     */
    public List<ReplicaStatus> status() {
        return replicas.stream().map(Replica::status).toList();
    }

    /** Stops the probes and closes the replicas' pools (not the primary's). */
    @Override
    public void close() {
        probes.shutdownNow();
        try {
            probes.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.forEach(Replica::close);
        primaryProbe.close();
    }

    @Override
    public String toString() {
        return "ReplicaRouter" + replicas;
    }
}
