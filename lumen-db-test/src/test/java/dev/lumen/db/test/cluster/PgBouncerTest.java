package dev.lumen.db.test.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/**
 * The PgBouncer harness: transaction pooling with 2 server connections in front of a real server. Shows the
 * problem the library must avoid (server-side prepared statements through PgBouncer 1.18) and that
 * {@code prepareThreshold=0} avoids it.
 */
class PgBouncerTest {

    private static final int CLIENTS = 16;
    private static final int STATEMENTS_PER_CLIENT = 40;

    private static PostgresCluster server;
    private static PgBouncer bouncer;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(PgBouncer.unavailableReason().isEmpty(), () -> PgBouncer.unavailableReason().orElseThrow());
        server = PostgresCluster.builder().start();
        server.createDatabase("bounced");
        bouncer = PgBouncer.start(PostgresNode.HOST, server.primary().port(), PgBouncer.Settings.transactionPooling(2));
    }

    @AfterAll
    static void stop() {
        if (bouncer != null) {
            bouncer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whenSixteenClientsShareTwoServerConnectionsWithPrepareThresholdZeroThenNoStatementFails() throws Exception {
        List<String> errors = hammer(bouncer.jdbcUrl("bounced"));

        System.out.println("FIGURE " + bouncer.version() + ", 2 server connections, " + CLIENTS + " clients, "
                + CLIENTS * STATEMENTS_PER_CLIENT + " statements with prepareThreshold=0: " + errors.size() + " errors");
        assertThat(errors).isEmpty();
        assertThat(serverConnections()).isBetween(1, 2);
    }

    @Test
    void whenClientsUseServerSidePreparedStatementsThroughPgBouncer118ThenStatementsFail() throws Exception {
        Assumptions.assumeFalse(bouncer.supportsPreparedStatements(), "this PgBouncer tracks prepared statements");
        // pgjdbc prepares on the server from the first execution; PgBouncer moves the next one to another server.
        String url = "jdbc:postgresql://" + PostgresNode.HOST + ":" + bouncer.port() + "/bounced?prepareThreshold=1";

        List<String> errors = hammer(url);

        System.out.println("FIGURE " + bouncer.version() + " with prepareThreshold=1: " + errors.size()
                + " failed statements, e.g. " + errors.stream().findFirst().orElse("-"));
        assertThat(errors).isNotEmpty();
        assertThat(errors).anyMatch(message -> message.contains("prepared statement")
                && (message.contains("does not exist") || message.contains("already exists")));
    }

    private static List<String> hammer(String url) throws Exception {
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                done.add(pool.submit(() -> {
                    Properties properties = new Properties();
                    properties.setProperty("user", PostgresNode.SUPERUSER);
                    try (Connection connection = new Driver().connect(url, properties);
                            PreparedStatement statement = connection.prepareStatement("SELECT ?::int + 1")) {
                        for (int i = 0; i < STATEMENTS_PER_CLIENT; i++) {
                            try {
                                statement.setInt(1, id * 1000 + i);
                                try (ResultSet rows = statement.executeQuery()) {
                                    rows.next();
                                    assertThat(rows.getInt(1)).isEqualTo(id * 1000 + i + 1);
                                }
                            } catch (SQLException e) {
                                errors.add(e.getMessage());
                            }
                        }
                    } catch (SQLException e) {
                        errors.add(e.getMessage());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(errors);
    }

    /** Counted on the server: PgBouncer's own connections to the database. */
    private static int serverConnections() throws SQLException {
        try (Connection direct = server.primary().dataSource("postgres").getConnection();
                PreparedStatement statement = direct.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'bounced' AND backend_type = 'client backend'");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
