package dev.lumen.db.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@LumenDbTest
class SchemaSnapshotTest {

    @Test
    void whenAColumnChangesThenTheSnapshotsDifferByThatColumn(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            SchemaSnapshot before = SchemaSnapshot.of(connection);
            assertThat(before.hasRelation("notes")).isTrue();
            assertThat(before.hasRelation("flyway_schema_history")).isFalse();

            statement.execute("ALTER TABLE notes ADD COLUMN tag varchar(10)");
            SchemaSnapshot after = SchemaSnapshot.of(connection);

            assertThat(before.diff(after)).containsExactly("+ column notes.tag character varying(10) null");
            statement.execute("ALTER TABLE notes DROP COLUMN tag");
            assertThat(before.diff(SchemaSnapshot.of(connection))).isEmpty();
        }
    }
}
