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
    void whenPrintedThenThePasswordIsMasked() {
        TestDatabase withSecret = new TestDatabase("db", "jdbc:postgresql://h/db", "app", Canaries.PASSWORD,
                constructorInjected.dataSource());
        assertThat(withSecret.toString()).doesNotContain(Canaries.PASSWORD).contains("password=****");
    }
}
