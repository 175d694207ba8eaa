package dev.lumen.db.core.scaleout;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.tx.AmbientTransactions;
import dev.lumen.db.test.cluster.PostgresCluster;
import dev.lumen.db.test.cluster.PostgresNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared helpers of the scale-out tests: configuration for a cluster, figures, plain SQL on a node. */
final class ScaleOut {

    /** Full-size runs: {@code ./mvnw verify -Dlumen.db.soak=true}. */
    static final boolean SOAK = Boolean.getBoolean("lumen.db.soak");

    private ScaleOut() {
    }

    static Map<String, String> config(PostgresCluster cluster, String database, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("lumen.db.url", cluster.primaryUrl(database));
        values.put("lumen.db.user", PostgresNode.SUPERUSER);
        values.put("lumen.db.pool.max-size", "10");
        values.put("lumen.db.replicas", cluster.replicas().stream().map(node -> node.jdbcUrl(database))
                .collect(Collectors.joining(",")));
        values.putAll(extra);
        return values;
    }

    static LumenDb start(Map<String, String> values, MeterRegistry registry) {
        return LumenDb.start(DatabaseConfig.of(Environment.TEST, values), registry, AmbientTransactions.NONE, null);
    }

    static double routed(MeterRegistry registry, String target, String reason) {
        return registry.find("lumen.db.route").tag("target", target).tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    static double routed(MeterRegistry registry, String target) {
        return registry.find("lumen.db.route").tag("target", target).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    static void figure(String text) {
        System.out.println("SCALEOUT " + text);
    }

    static void execute(PostgresNode node, String database, String sql) {
        try (Connection connection = node.dataSource(database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(node + ": " + e.getMessage(), e);
        }
    }
}
