package dev.lumen.db.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@LumenDbTest
class TestDatabaseTest {

    private final TestDatabase constructorInjected;

    TestDatabaseTest(TestDatabase db) {
        this.constructorInjected = db;
    }

    @Test
    void whenInjectedIntoConstructorAndMethodThenBothAreTheSameClassDatabase(TestDatabase db) throws SQLException {
        assertThat(db).isEqualTo(constructorInjected);
        try (Connection connection = db.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database(), count(*) FROM notes")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(db.name());
            assertThat(db.jdbcUrl()).endsWith("/" + db.name());
        }
    }

    @Test
    void whenAskedForLumenDbPropertiesThenTheyNameThisDatabaseItsUserAndItsMigrations() {
        TestDatabase withSecret = new TestDatabase("db", "jdbc:postgresql://h/db", "app", Canaries.PASSWORD,
                constructorInjected.dataSource(), java.util.List.of("classpath:a", "filesystem:/b"));

        assertThat(withSecret.lumenDbProperties()).containsExactly(
                java.util.Map.entry("lumen.db.url", "jdbc:postgresql://h/db"),
                java.util.Map.entry("lumen.db.user", "app"),
                java.util.Map.entry("lumen.db.password", Canaries.PASSWORD),
                java.util.Map.entry("lumen.db.migrations.locations", "classpath:a,filesystem:/b"));
        assertThat(constructorInjected.lumenDbProperties())
                .containsEntry("lumen.db.url", constructorInjected.jdbcUrl())
                .containsEntry("lumen.db.migrations.locations", "classpath:db/migration")
                .containsKey("lumen.db.user");
    }

    @Test
    void whenPrintedThenThePasswordIsMasked() {
        TestDatabase withSecret = new TestDatabase("db", "jdbc:postgresql://h/db", "app", Canaries.PASSWORD,
                constructorInjected.dataSource());
        assertThat(withSecret.toString()).doesNotContain(Canaries.PASSWORD).contains("password=****");
    }
}
