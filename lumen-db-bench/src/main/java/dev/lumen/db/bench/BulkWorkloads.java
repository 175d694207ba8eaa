package dev.lumen.db.bench;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.schema.tables.records.UsersRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Scenario 7: bulk insert of users into a database of its own (cloned from the migrated template, emptied
 * between runs), through {@code TableRepository.insertAll}, through pgjdbc's {@code CopyManager} by hand, and
 * row by row with one INSERT per row (auto-commit, as a naive loop does).
 */
public final class BulkWorkloads {

    /** Rows per bulk insert. */
    public static final int ROWS = 100_000;
    /** Rows the row-by-row body inserts (its rate is scaled to rows per second). */
    public static final int ROW_BY_ROW_ROWS = 5_000;

    private static final String INSERT = "INSERT INTO users (email, password_hash, first_name, last_name) VALUES (?, ?, ?, ?)";

    private final LumenDb db;
    private final UserRepository users;
    private final List<String[]> values = new ArrayList<>(ROWS);
    private final List<UsersRecord> records = new ArrayList<>(ROWS);

    /**
     * Prepares the rows (built once, outside the measurement: both sides start from Java values).
     *
     * @param db    lumen-db on the bulk database
     * @param users the repository
     */
    public BulkWorkloads(LumenDb db, UserRepository users) {
        this.db = db;
        this.users = users;
        for (int i = 0; i < ROWS; i++) {
            String[] row = {"bulk" + i + "@bench.example", "$2a$10$benchhashbenchhashbench", "Ada\t" + (i % 10),
                    "Love\\lace"};
            values.add(row);
        }
    }

    /** Empties the table between runs (TRUNCATE, so dead rows do not pile up) and writes out dirty pages. */
    public void truncate() {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE users CASCADE");
            // Start every run from clean buffers, so one run does not pay for writing out the previous one's pages.
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds the records the repository takes (part of the lumen-db cost, so it runs inside the measurement).
     *
     * @return 100k records
     */
    private List<UsersRecord> records() {
        records.clear();
        for (String[] row : values) {
            records.add(new UsersRecord().setEmail(row[0]).setPasswordHash(row[1]).setFirstName(row[2])
                    .setLastName(row[3]));
        }
        return records;
    }

    /**
     * {@code insertAll} of 100k rows.
     *
     * @return rows inserted
     */
    public long repository() {
        return users.insertAll(db, records());
    }

    /**
     * COPY of the same 100k rows by hand: COPY text format written straight into pgjdbc's copy stream.
     *
     * @return rows inserted
     */
    public long copy() {
        try (Connection connection = db.dataSource().getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            PGCopyOutputStream out = new PGCopyOutputStream(pg,
                    "COPY users (email, password_hash, first_name, last_name) FROM STDIN", 1 << 16);
            Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder(128);
            for (String[] row : values) {
                line.setLength(0);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        line.append('\t');
                    }
                    escape(line, row[i]);
                }
                line.append('\n');
                writer.append(line);
            }
            writer.flush();
            return out.endCopy();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /**
     * {@value #ROW_BY_ROW_ROWS} single-row INSERTs, each auto-committed.
     *
     * @return rows inserted
     */
    public long rowByRow() {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            long inserted = 0;
            for (int i = 0; i < ROW_BY_ROW_ROWS; i++) {
                String[] row = values.get(i);
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.setString(3, row[2]);
                insert.setString(4, row[3]);
                inserted += insert.executeUpdate();
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
