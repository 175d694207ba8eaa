package dev.lumen.db.bench;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.test.cluster.PostgresCluster;
import dev.lumen.db.test.cluster.PostgresNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The scale-out scenarios: a read-only lookup routed to a replica vs the same lookup on a pool opened directly on
 * that replica (the routing overhead), and read throughput with 0, 1 and 2 replicas, on a real primary with two
 * streaming replicas from the embedded binaries.
 */
final class ScaleOutBench {

    private static final int ROWS = 10_000;
    private static final Table<?> ITEMS = DSL.table(DSL.name("items"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);

    private ScaleOutBench() {
    }

    /**
     * Runs only these scenarios and prints them: {@code java -cp lumen-db-bench.jar dev.lumen.db.bench.ScaleOutBench
     * [quick|full]} (the full suite runs them as its last part).
     *
     * @param args the mode
     * @throws SQLException when the fixture cannot be made
     */
    public static void main(String[] args) throws SQLException {
        for (ScenarioResult row : run(BenchMain.Mode.of(args.length > 0 ? args[0] : "quick"))) {
            System.out.printf(Locale.ROOT, "[bench] %-55s %s %s -> %s %s%n  %s%n", row.title(),
                    Report.number(row.judged()), row.goal().describe(row.ratioUnit()), row.verdict(),
                    row.lumen() == null ? "" : Report.number(row.lumen()) + " vs " + Report.number(row.baseline()) + " "
                            + row.unit(), row.note());
        }
        System.exit(0);
    }

    static List<ScenarioResult> run(BenchMain.Mode mode) throws SQLException {
        List<ScenarioResult> rows = new ArrayList<>();
        try (PostgresCluster cluster = PostgresCluster.builder().replicas(2).start()) {
            String database = cluster.createDatabase("scaleout");
            try (Connection connection = cluster.primary().dataSource(database).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
                try (PreparedStatement fill = connection.prepareStatement(
                        "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, ?) g")) {
                    fill.setInt(1, ROWS);
                    fill.executeUpdate();
                }
                statement.execute("ANALYZE items");
            }
            cluster.awaitReplicasCaughtUp(Duration.ofSeconds(30));
            PostgresNode replica = cluster.replica(0);
            try (LumenDb routed = start(cluster, database, cluster.primaryUrl(database), List.of(replica));
                    LumenDb direct = start(cluster, database, replica.jdbcUrl(database), List.of())) {
                // Both paths warmed well past JIT compilation first: the router's code is cold in a fresh fork.
                Paired.run(() -> lookup(routed), () -> lookup(direct), 20, 1, mode.calls());
                Paired.Result paired = Paired.run(() -> lookup(routed), () -> lookup(direct), 5, mode.rounds(),
                        mode.calls());
                rows.add(ScenarioResult.of("replica_routing", "Read-only lookup routed to a replica vs a direct pool",
                        paired.medianA() / 1000, paired.medianB() / 1000, "us/op", "direct pool on the replica", null,
                        paired.ratio(), paired.ratio(), "paired", "", Goal.atMost(1.05), String.format(Locale.ROOT,
                                "db.transactions().call(readOnly, primary-key lookup) on a lumen-db with one replica"
                                        + " (the router picks the healthy replica and counts lumen.db.route) vs the same"
                                        + " transaction on a lumen-db whose only pool is opened on that replica. Paired:"
                                        + " %d rounds of %d calls.", paired.rounds(), paired.callsPerRound())));
            }
            double[] throughput = new double[3];
            for (int replicas = 0; replicas <= 2; replicas++) {
                try (LumenDb db = start(cluster, database, cluster.primaryUrl(database),
                        cluster.replicas().subList(0, replicas))) {
                    Throughput.run(() -> lookup(db), 16, mode.throughputMillis() / 2, Throughput.Threads.PLATFORM);
                    throughput[replicas] = Throughput.run(() -> lookup(db), 16, mode.throughputMillis() * 2,
                            Throughput.Threads.PLATFORM);
                }
            }
            rows.add(ScenarioResult.of("replica_throughput", "Read throughput with 0, 1, 2 replicas (2 / 0)",
                    throughput[2], throughput[0], "ops/s", "0 replicas (primary only)", null,
                    throughput[2] / throughput[0], throughput[2] / throughput[0], "measured", "", Goal.reported(),
                    String.format(Locale.ROOT, "16 platform threads of read-only lookups, pool of 8 per server:"
                            + " 0 replicas %s ops/s, 1 replica %s ops/s, 2 replicas %s ops/s. Every server runs on the"
                            + " same machine as the benchmark, so replicas add CPU contention, not capacity: on"
                            + " separate hosts reads scale with replicas.", Report.number(throughput[0]),
                            Report.number(throughput[1]), Report.number(throughput[2]))));
        }
        return rows;
    }

    private static LumenDb start(PostgresCluster cluster, String database, String url, List<PostgresNode> replicas) {
        Map<String, String> values = new HashMap<>();
        values.put("lumen.db.url", url);
        values.put("lumen.db.user", PostgresNode.SUPERUSER);
        values.put("lumen.db.pool.max-size", "8");
        values.put("lumen.db.pool.min-idle", "8");
        values.put("lumen.db.replicas", replicas.stream().map(node -> node.jdbcUrl(database))
                .collect(Collectors.joining(",")));
        return LumenDb.start(DatabaseConfig.of(Environment.PROD, withProdBasics(values)), new SimpleMeterRegistry(),
                AmbientTransactions.NONE, null);
    }

    private static Map<String, String> withProdBasics(Map<String, String> values) {
        values.put("lumen.db.ssl.mode", "disable");
        values.put("lumen.db.socket-timeout", "60s");
        return values;
    }

    private static String lookup(LumenDb db) {
        int id = ThreadLocalRandom.current().nextInt(1, ROWS + 1);
        return db.transactions().call(TxOptions.readOnlyDefaults(),
                tx -> tx.dsl().select(NAME).from(ITEMS).where(ID.eq(id)).fetchOne(NAME));
    }
}
