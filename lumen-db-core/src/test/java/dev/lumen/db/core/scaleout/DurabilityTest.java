package dev.lumen.db.core.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.ReplicationUnconfirmedException;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.core.tx.Durability;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.cluster.PostgresCluster;
import dev.lumen.db.test.cluster.PostgresNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Durability per transaction on a primary with one synchronous standby, and writes that never reach a standby. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityTest {

    private static final Table<?> ROWS = DSL.table(DSL.name("durable"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);

    private static PostgresCluster cluster;
    private static String database;
    private static LumenDb db;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.builder().replicas(1).start();
        database = cluster.createDatabase("durability");
        ScaleOut.execute(cluster.primary(), database, "CREATE TABLE durable (id int PRIMARY KEY)");
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(10));
        cluster.synchronousStandbys(1, List.of(cluster.replica(0)));
        db = ScaleOut.start(ScaleOut.config(cluster, database, Map.of()), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void whenATransactionAsksToBeVisibleOnReplicasThenTheSynchronousStandbyShowsItAsSoonAsCommitReturns()
            throws SQLException {
        int invisible = 0;
        for (int id = 1; id <= 20; id++) {
            int row = id;
            db.transactions().run(TxOptions.defaults().durability(Durability.VISIBLE_ON_REPLICAS),
                    tx -> tx.dsl().insertInto(ROWS).columns(ID).values(row).execute());
            if (count(cluster.replica(0), id) == 0) {
                invisible++;
            }
        }
        ScaleOut.figure("durability visible_on_replicas commits=20 invisible_on_standby_after_commit=" + invisible);
        assertThat(invisible).isZero();
    }

    @Test
    @Order(2)
    void whenTheSynchronousStandbyIsCutOffThenLocalCommitsAndACancelledReplicatedWaitIsATypedOutcome()
            throws Exception {
        cluster.replica(0).cutReplication();
        try {
            long started = System.nanoTime();
            db.transactions().run(TxOptions.defaults().durability(Durability.LOCAL),
                    tx -> tx.dsl().insertInto(ROWS).columns(ID).values(100).execute());
            long localMillis = (System.nanoTime() - started) / 1_000_000;

            CompletableFuture<Void> replicated = CompletableFuture.runAsync(() -> db.transactions().run(
                    TxOptions.defaults().durability(Durability.REPLICATED),
                    tx -> tx.dsl().insertInto(ROWS).columns(ID).values(101).execute()));
            int cancelled = cancelSyncRepWaiter();

            assertThatThrownBy(() -> replicated.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ReplicationUnconfirmedException.class)
                    .cause().hasMessageContaining("Committed on the primary");
            ScaleOut.figure(String.format(Locale.ROOT, "durability local_commit_ms=%d (standby cut off)"
                    + " replicated_wait_cancelled=%d outcome=ReplicationUnconfirmedException", localMillis, cancelled));
            assertThat(localMillis).isLessThan(5_000);
            assertThat(count(cluster.primary(), 100)).isEqualTo(1);
            assertThat(count(cluster.primary(), 101)).as("committed locally").isEqualTo(1);
        } finally {
            cluster.replica(0).restoreReplication();
        }
    }

    @Test
    @Order(3)
    void whenThePrimaryUrlLeadsToAStandbyThenNoWriteIsSentAndItsConnectionsAreEvicted() throws SQLException {
        Map<String, String> values = ScaleOut.config(cluster, database, Map.of());
        values.put("lumen.db.url", cluster.replica(0).jdbcUrl(database));
        values.put("lumen.db.replicas", "");
        try (LumenDb standby = ScaleOut.start(values, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> standby.transactions().run(tx -> tx.dsl().insertInto(ROWS).columns(ID).values(200)
                    .execute()))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("hot standby");
            com.zaxxer.hikari.HikariDataSource pool = (com.zaxxer.hikari.HikariDataSource) standby.dataSource();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
        assertThat(count(cluster.primary(), 200)).isZero();
    }

    /** Waits until a backend waits for synchronous replication, then cancels it; returns how many were cancelled. */
    private static int cancelSyncRepWaiter() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection connection = cluster.primary().dataSource("postgres").getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(pg_cancel_backend(pid))"
                        + " FROM pg_stat_activity WHERE wait_event = 'SyncRep' AND datname = ?")) {
            statement.setString(1, database);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return rows.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no backend waited for synchronous replication");
    }

    private static int count(PostgresNode node, int id) throws SQLException {
        try (Connection connection = node.dataSource(database).getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM durable WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
