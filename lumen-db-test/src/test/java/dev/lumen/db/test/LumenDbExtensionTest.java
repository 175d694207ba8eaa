package dev.lumen.db.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class LumenDbExtensionTest {

    /** What each fixture class saw of its database. */
    record Observation(String database, String serverVersion, List<String> tables, long rowsBefore) {
    }

    static final Map<String, Observation> SEEN = new ConcurrentHashMap<>();
    static final Map<String, List<String>> LOCATIONS = new ConcurrentHashMap<>();

    @BeforeEach
    void forgetEarlierRuns() {
        SEEN.clear();
        LOCATIONS.clear();
    }

    @Test
    void whenTwoClassesRunThenEachGetsItsOwnMigratedDatabase() {
        runFixtures();

        Observation first = SEEN.get("first");
        Observation second = SEEN.get("second");
        assertThat(first.database()).startsWith("lumen_test_").isNotEqualTo(second.database());
        assertThat(first.tables()).contains("notes", "flyway_schema_history");
        assertThat(second.tables()).contains("notes", "flyway_schema_history");
        // Each class inserted a row; neither saw the other's row, so the databases are really separate.
        assertThat(first.rowsBefore()).isZero();
        assertThat(second.rowsBefore()).isZero();
    }

    @Test
    void whenMigratedIsFalseThenTheDatabaseIsEmpty() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(EmptyFixture.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));

        assertThat(SEEN.get("empty").tables()).isEmpty();
    }

    @Test
    void whenAClassNamesItsOwnLocationsThenItsDatabaseHasThoseMigrationsAndTheOthersKeepTheDefault() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(TagsFixture.class), selectClass(FirstFixture.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));

        assertThat(SEEN.get("tags").tables()).contains("tags", "flyway_schema_history").doesNotContain("notes");
        assertThat(SEEN.get("first").tables()).contains("notes").doesNotContain("tags");
        assertThat(LOCATIONS.get("tags")).containsExactly("classpath:fixtures/tags");
        assertThat(LOCATIONS.get("first")).containsExactly("classpath:db/migration");
    }

    @Test
    void whenLocationsAreBlankThenTheClassFailsSayingSo() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BlankLocationsFixture.class))
                .execute()
                .allEvents()
                .failed()
                .assertThatEvents()
                .anySatisfy(event -> assertThat(event.getRequiredPayload(
                        org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow())
                        .hasMessageStartingWith("lumen-db-test: no migration locations"));
    }

    @Test
    void whenLumenDbTestUrlPointsAtAServerThenDatabasesAreCreatedAndDroppedThere() throws SQLException {
        assumeTrue(reachable("127.0.0.1", 5432), "no PostgreSQL on 127.0.0.1:5432; test skipped");
        String url = "jdbc:postgresql://127.0.0.1:5432/test";
        System.setProperty(SharedServer.URL_VARIABLE, url);
        try {
            runFixtures();
        } finally {
            System.clearProperty(SharedServer.URL_VARIABLE);
        }

        Observation first = SEEN.get("first");
        Observation second = SEEN.get("second");
        assertThat(first.serverVersion()).isEqualTo(second.serverVersion()).doesNotStartWith("18");
        assertThat(first.database()).isNotEqualTo(second.database());
        assertThat(first.tables()).contains("notes");
        // Both class databases and the template are gone from the server afterwards.
        try (Connection connection = new ExternalTestServer(url, null, null).admin().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            List<String> databases = new ArrayList<>();
            while (rows.next()) {
                databases.add(rows.getString(1));
            }
            assertThat(databases).doesNotContain(first.database(), second.database());
        }
    }

    private static void runFixtures() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstFixture.class), selectClass(SecondFixture.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        assertThat(SEEN).containsKeys("first", "second");
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static Observation observe(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            assertThat(connection.getCatalog()).isEqualTo(db.name());
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            String version;
            try (ResultSet rows = statement.executeQuery("SHOW server_version")) {
                rows.next();
                version = rows.getString(1);
            }
            long before = -1;
            if (tables.contains("notes")) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM notes")) {
                    rows.next();
                    before = rows.getLong(1);
                }
                statement.executeUpdate("INSERT INTO notes (body) VALUES ('written by " + db.name() + "')");
            }
            return new Observation(db.name(), version, tables, before);
        }
    }

    @LumenDbTest
    static class FirstFixture {
        @Test
        void observe(TestDatabase db) throws SQLException {
            SEEN.put("first", LumenDbExtensionTest.observe(db));
            LOCATIONS.put("first", db.migrationLocations());
        }
    }

    @LumenDbTest(locations = "classpath:fixtures/tags")
    static class TagsFixture {
        @Test
        void observe(TestDatabase db) throws SQLException {
            SEEN.put("tags", LumenDbExtensionTest.observe(db));
            LOCATIONS.put("tags", db.migrationLocations());
        }
    }

    @LumenDbTest(locations = " ")
    static class BlankLocationsFixture {
        @Test
        void observe(TestDatabase db) {
            SEEN.put("blank", new Observation(db.name(), "", List.of(), 0));
        }
    }

    @LumenDbTest
    static class SecondFixture {
        @Test
        void observe(TestDatabase db) throws SQLException {
            SEEN.put("second", LumenDbExtensionTest.observe(db));
        }
    }

    @LumenDbTest(migrated = false)
    static class EmptyFixture {
        @Test
        void observe(TestDatabase db) throws SQLException {
            SEEN.put("empty", LumenDbExtensionTest.observe(db));
        }
    }
}
