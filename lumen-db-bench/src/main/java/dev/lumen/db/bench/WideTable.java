package dev.lumen.db.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The benchmark's own wide table {@code bench_wide_rows} (text[], integer[], jsonb and an enum among eleven
 * columns): its migration, from {@code src/main/bench-schema}, and its seed rows.
 */
final class WideTable {

    private WideTable() {
    }

    /** The wide table's migration (src/main/bench-schema, on the classpath as bench/schema), run on a database. */
    static void create(EmbeddedPostgres postgres, String database) {
        String sql;
        try (var in = WideTable.class.getResourceAsStream("/bench/schema/V1__bench_wide_rows.sql")) {
            if (in == null) {
                throw new IllegalStateException("bench/schema/V1__bench_wide_rows.sql is not on the classpath");
            }
            sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Creating the wide table failed: " + e.getMessage(), e);
        }
    }

    /** {@value BenchFixture#WIDE_ROWS} wide rows by COPY: a few tags, scores, a small jsonb document, every status. */
    static UUID[] seed(EmbeddedPostgres postgres, String database) {
        String[] statuses = {"draft", "live", "retired"};
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection()) {
            StringBuilder rows = new StringBuilder(BenchFixture.WIDE_ROWS * 200);
            for (int i = 0; i < BenchFixture.WIDE_ROWS; i++) {
                rows.append("wide-").append(i).append('\t').append(statuses[i % 3])
                        .append("\t{alpha,\"tag ").append(i % 50).append("\",team-").append(i % 7).append("}\t{")
                        .append(i % 100).append(',').append(i % 13).append(",7}\t{\"rollout\": ").append(i % 100)
                        .append(", \"owner\": \"team-").append(i % 7).append("\", \"beta\": ").append(i % 2 == 0)
                        .append("}\t").append(i % 1000).append('.').append(i % 100 < 10 ? "0" : "").append(i % 100)
                        .append("\towner").append(i).append("@bench.example\t").append(i % 2 == 0 ? 't' : 'f')
                        .append('\n');
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_wide_rows (name, status, tags, "
                    + "scores, attributes, amount, owner_email, is_public) FROM STDIN", new StringReader(rows.toString()));
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE bench_wide_rows");
            }
            List<UUID> ids = new ArrayList<>(BenchFixture.WIDE_ROWS);
            try (Statement statement = connection.createStatement();
                    ResultSet found = statement.executeQuery("SELECT id FROM bench_wide_rows ORDER BY name")) {
                while (found.next()) {
                    ids.add(found.getObject(1, UUID.class));
                }
            }
            return ids.toArray(UUID[]::new);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Seeding the wide table failed: " + e.getMessage(), e);
        }
    }

}
