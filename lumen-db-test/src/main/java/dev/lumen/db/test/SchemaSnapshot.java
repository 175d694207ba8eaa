package dev.lumen.db.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A comparable picture of one schema read from the catalog: tables, columns (type, nullability, default),
 * constraints, indexes, triggers, functions, sequences, comments and installed extensions. Two snapshots are
 * equal when the schemas are, which lets tests check that an undo script really reverses its migration on any
 * server version (no {@code pg_dump} needed). Flyway's history table is left out.
 *
 * @param schema the schema read
 * @param lines  one sorted line per catalog object
 */
public record SchemaSnapshot(String schema, Set<String> lines) {

    private static final String HISTORY = "flyway_schema_history";

    private static final List<String> QUERIES = List.of(
            // Tables and views
            """
            SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND c.relname <> ?
            """,
            // Columns
            """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND c.relname <> ?
               AND a.attnum > 0 AND NOT a.attisdropped
            """,
            // Constraints
            """
            SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relname <> ?
            """,
            // Indexes
            """
            SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef
              FROM pg_indexes WHERE schemaname = ? AND tablename <> ?
            """,
            // Triggers
            """
            SELECT 'trigger ' || c.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid)
              FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND NOT t.tgisinternal AND c.relname <> ?
            """,
            // Functions that are not part of an extension
            """
            SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
                   || md5(pg_get_functiondef(p.oid))
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = ? AND p.prokind IN ('f', 'p') AND ? IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            """,
            // Sequences
            """
            SELECT 'sequence ' || sequence_name || ' ' || data_type
              FROM information_schema.sequences WHERE sequence_schema = ? AND sequence_name <> ?
            """,
            // Comments on tables and columns
            """
            SELECT 'comment ' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description
              FROM pg_description d
              JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
             WHERE n.nspname = ? AND c.relname <> ?
            """,
            // Extensions installed in the database
            """
            SELECT 'extension ' || e.extname FROM pg_extension e
              JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE n.nspname = ? AND e.extname <> ? AND e.extname <> 'plpgsql'
            """);

    /** Freezes the lines. */
    public SchemaSnapshot {
        lines = Set.copyOf(new TreeSet<>(lines));
    }

    /**
     * Reads the {@code public} schema.
     *
     * @param connection an open connection
     * @return the snapshot
     * @throws SQLException when the catalog cannot be read
     */
    public static SchemaSnapshot of(Connection connection) throws SQLException {
        return of(connection, "public");
    }

    /**
     * Reads one schema.
     *
     * @param connection an open connection
     * @param schema     the schema to read
     * @return the snapshot
     * @throws SQLException when the catalog cannot be read
     */
    public static SchemaSnapshot of(Connection connection, String schema) throws SQLException {
        Set<String> lines = new TreeSet<>();
        for (String query : QUERIES) {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, schema);
                statement.setString(2, HISTORY);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        }
        return new SchemaSnapshot(schema, lines);
    }

    /**
     * Lines present in {@code other} but not here (prefixed {@code +}) and here but not there ({@code -}).
     *
     * @param other the snapshot to compare with
     * @return the differences, empty when the schemas are equal
     */
    public List<String> diff(SchemaSnapshot other) {
        List<String> differences = new ArrayList<>();
        new TreeSet<>(lines).stream().filter(l -> !other.lines.contains(l)).forEach(l -> differences.add("- " + l));
        new TreeSet<>(other.lines).stream().filter(l -> !lines.contains(l)).forEach(l -> differences.add("+ " + l));
        return differences;
    }

    /**
     * Whether a relation of that name is in the snapshot.
     *
     * @param relation table or view name
     * @return true when present
     */
    public boolean hasRelation(String relation) {
        return lines.stream().anyMatch(l -> l.startsWith("relation " + relation + " "));
    }
}
