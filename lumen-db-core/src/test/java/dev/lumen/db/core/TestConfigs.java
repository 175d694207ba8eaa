package dev.lumen.db.core;

import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.config.PostgresUrl;
import dev.lumen.db.test.TestDatabase;
import dev.lumen.db.test.cluster.PgBouncer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration for a test database, independent of the machine's environment variables: the database's own
 * {@code lumen.db.*} properties (URL, user, the migrations it was made from), then the test's overrides.
 *
 * <p>With {@code -Dlumen.db.test.through-pgbouncer=true} every such configuration goes through one PgBouncer per
 * server (transaction pooling, 2 server connections) with {@code lumen.db.pooler=pgbouncer-transaction} and the
 * migrations on the direct URL: the suites of core's dependants then run unchanged through PgBouncer.
 */
public final class TestConfigs {

    /** System property that sends every test configuration through PgBouncer in transaction mode. */
    public static final String THROUGH_PGBOUNCER = "lumen.db.test.through-pgbouncer";

    private static final Map<String, PgBouncer> BOUNCERS = new ConcurrentHashMap<>();

    private TestConfigs() {
    }

    public static DatabaseConfig forDatabase(TestDatabase db) {
        return forDatabase(db, Map.of());
    }

    public static DatabaseConfig forDatabase(TestDatabase db, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(db.lumenDbProperties());
        if (Boolean.getBoolean(THROUGH_PGBOUNCER)) {
            throughPgBouncer(values);
        }
        values.putAll(overrides);
        return DatabaseConfig.of(Environment.TEST, values);
    }

    /**
     * Rewrites {@code lumen.db.url} to a PgBouncer (transaction pooling, 2 server connections) in front of the same
     * server, started once per server and stopped with the JVM.
     *
     * @param values the configuration to rewrite
     */
    public static void throughPgBouncer(Map<String, String> values) {
        String direct = values.get("lumen.db.url");
        PostgresUrl url = PostgresUrl.parse(direct);
        String hostPort = url.server().substring(0, url.server().indexOf('/'));
        String database = url.server().substring(url.server().indexOf('/') + 1);
        PgBouncer bouncer = BOUNCERS.computeIfAbsent(hostPort, key -> {
            int colon = key.lastIndexOf(':');
            PgBouncer started = PgBouncer.start(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)),
                    PgBouncer.Settings.transactionPooling(2));
            System.out.println("lumen-db-test: through " + started + " (transaction pooling, 2 server connections)");
            return started;
        });
        // lumen-db itself chooses prepareThreshold=0 in this mode: the URL carries none.
        values.put("lumen.db.url", "jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/" + database);
        values.put("lumen.db.pooler", "pgbouncer-transaction");
        values.put("lumen.db.migrations.url", direct);
    }
}
