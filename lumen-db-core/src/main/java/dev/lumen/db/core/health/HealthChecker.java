package dev.lumen.db.core.health;

import com.zaxxer.hikari.HikariDataSource;
import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.migrate.MigrationEntry;
import dev.lumen.db.core.migrate.MigrationStatus;
import dev.lumen.db.core.migrate.Migrator;
import dev.lumen.db.core.pool.ConnectionPools;
import dev.lumen.db.core.pool.PoolState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Checks the database the way an operator would: can a pooled connection run {@code SELECT 1}, and how fast;
 * is the pool saturated; are migrations pending, failed or edited after they were applied. DOWN only when the
 * server cannot be reached; the other findings make it DEGRADED and are listed in {@link HealthReport#details()}.
 * A check never waits long: DOWN at once while the pool is waiting out an outage, and at most
 * {@link #MAX_BORROW_WAIT} for a pooled connection otherwise.
 */
public final class HealthChecker {

    private final HikariDataSource pool;
    private final Migrator migrator;
    private final Duration slowPing;
    private final DSLContext dsl;
    private final @Nullable Schema expectedSchema;
    private final Clock clock;
    private final Duration borrowTimeout;
    private final Supplier<List<ReplicaStatus>> replicas;

    /** Longest wait for a pooled connection during a check: health probes (and their callers) must not hang. */
    public static final Duration MAX_BORROW_WAIT = Duration.ofSeconds(1);

    /**
     * Creates the checker.
     *
     * @param pool           the connection pool
     * @param migrator       the migrator, for migration state
     * @param slowPing       pings slower than this make the report DEGRADED
     * @param dsl            jOOQ on the pool, for the drift check
     * @param expectedSchema the generated schema to compare the database with, or {@code null} to skip that check
     */
    public HealthChecker(HikariDataSource pool, Migrator migrator, Duration slowPing, DSLContext dsl,
            @Nullable Schema expectedSchema) {
        this(pool, migrator, slowPing, dsl, expectedSchema, List::of);
    }

    /**
     * Creates the checker of a primary with read replicas: an ejected replica makes the report DEGRADED (reads
     * it would serve go elsewhere), and every replica is listed in {@link HealthReport#replicas()}.
     *
     * @param pool           the primary's pool
     * @param migrator       the migrator, for migration state
     * @param slowPing       pings slower than this make the report DEGRADED
     * @param dsl            jOOQ on the pool, for the drift check
     * @param expectedSchema the generated schema to compare the database with, or {@code null} to skip that check
     * @param replicas       the replicas' current state (the router's)
     */
    public HealthChecker(HikariDataSource pool, Migrator migrator, Duration slowPing, DSLContext dsl,
            @Nullable Schema expectedSchema, Supplier<List<ReplicaStatus>> replicas) {
        this.replicas = replicas;
        this.pool = pool;
        this.migrator = migrator;
        this.slowPing = slowPing;
        this.dsl = dsl;
        this.expectedSchema = expectedSchema;
        this.clock = Clock.systemUTC();
        this.borrowTimeout = Duration.ofMillis(Math.min(MAX_BORROW_WAIT.toMillis(), pool.getConnectionTimeout()));
    }

    /**
     * Runs the checks.
     *
     * @return the report; never throws for an unhealthy database
     */
    public HealthReport check() {
        HealthReport primary = checkPrimary();
        List<ReplicaStatus> states = replicas.get();
        if (states.isEmpty()) {
            return primary;
        }
        List<String> details = new ArrayList<>(primary.details());
        for (ReplicaStatus replica : states) {
            if (!replica.healthy()) {
                details.add("replica " + replica.name() + " ejected: " + replica.problem());
            }
        }
        HealthStatus status = primary.status() == HealthStatus.UP && details.size() > primary.details().size()
                ? HealthStatus.DEGRADED : primary.status();
        return new HealthReport(status, primary.checkedAt(), primary.pingLatency(), primary.pool(),
                primary.currentVersion(), primary.pendingMigrations(), primary.failedMigrations(), details, states);
    }

    private HealthReport checkPrimary() {
        List<String> details = new ArrayList<>();
        Duration ping;
        // While the pool is waiting out an outage, say so at once instead of waiting for a connection.
        Optional<ConnectionPools.Outage> outage = ConnectionPools.outage(pool);
        PoolState before = ConnectionPools.state(pool);
        if (outage.isPresent() && before.idle() == 0) {
            details.add("database unreachable for " + outage.get().duration().toMillis() + " ms: "
                    + outage.get().reason());
            return new HealthReport(HealthStatus.DOWN, clock.instant(), null, before, null, -1, -1, details);
        }
        long started = System.nanoTime();
        try (Connection connection = ConnectionPools.borrow(pool, borrowTimeout);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            ping = Duration.ofNanos(System.nanoTime() - started);
        } catch (SQLException | RuntimeException e) {
            PoolState state = ConnectionPools.state(pool);
            if (e instanceof SQLTransientConnectionException && e.getCause() == null && state.active() >= state.max()) {
                // Every connection is busy: the server is fine, the application is not keeping up.
                details.add("pool exhausted: all " + state.max() + " connections busy, no connection within "
                        + borrowTimeout.toMillis() + " ms, " + state.waiting() + " callers waiting");
                return new HealthReport(HealthStatus.DEGRADED, clock.instant(), null, state, null, -1, -1, details);
            }
            details.add("database unreachable: " + SqlStateTranslator.translate(e).getMessage());
            return new HealthReport(HealthStatus.DOWN, clock.instant(), null, state, null, -1, -1, details);
        }
        if (ping.compareTo(slowPing) > 0) {
            details.add("slow ping: " + ping.toMillis() + " ms (threshold " + slowPing.toMillis() + " ms)");
        }
        PoolState poolState = ConnectionPools.state(pool);
        if (poolState.saturated()) {
            details.add("pool saturated: " + poolState.active() + "/" + poolState.max() + " connections busy, "
                    + poolState.waiting() + " callers waiting");
        }
        String current = null;
        int pending = -1;
        int failed = -1;
        try {
            MigrationStatus status = migrator.status();
            current = status.currentVersion();
            pending = status.pending().size();
            failed = status.failed().size();
            if (pending > 0) {
                details.add(pending + " pending migration" + (pending == 1 ? "" : "s") + ": " + scripts(status.pending()));
            }
            if (!status.edited().isEmpty()) {
                details.add("edited migration: " + scripts(status.edited()) + " changed after it was applied (checksum"
                        + " differs); " + MigrationStatus.EDITED_ADVICE);
            }
            if (status.dirty()) {
                details.add("dirty schema: a non-transactional migration failed part-way: " + scripts(status.failed()));
            } else if (failed > 0) {
                details.add("failed migration (rolled back): " + scripts(status.failed()));
            }
            // The generated code describes the fully migrated schema; compare only once the database is there.
            if (expectedSchema != null && pending == 0 && !status.dirty()) {
                SchemaDrift.between(dsl, expectedSchema, "public").forEach(drift -> details.add("schema drift: " + drift));
            }
        } catch (RuntimeException e) {
            details.add("migration state unknown: " + e.getMessage());
        }
        HealthStatus status = details.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED;
        return new HealthReport(status, clock.instant(), ping, poolState, current, pending, failed, details);
    }

    private static String scripts(List<MigrationEntry> entries) {
        return entries.stream().map(MigrationEntry::script).collect(Collectors.joining(", "));
    }
}
