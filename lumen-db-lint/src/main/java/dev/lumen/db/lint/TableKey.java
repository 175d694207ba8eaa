package dev.lumen.db.lint;

import org.jooq.Name;
import org.jooq.Table;

/**
 * A table's identity within one migration file: folded name and schema, with {@code public} and no schema
 * treated as the same.
 *
 * @param schema the schema, empty for {@code public} or unqualified names
 * @param name   the table's name
 */
record TableKey(String schema, String name) {

    private static final String DEFAULT_SCHEMA = "public";

    /**
     * The key of a parsed table reference.
     *
     * @param table the table from jOOQ's query model
     * @return its key
     */
    static TableKey of(Table<?> table) {
        return of(table.getQualifiedName());
    }

    /**
     * The key of a parsed, possibly qualified name.
     *
     * @param name the name
     * @return its key
     */
    static TableKey of(Name name) {
        String table = Identifiers.last(name);
        Name[] parts = name.parts();
        String schema = parts.length >= 2 ? Identifiers.last(parts[parts.length - 2]) : "";
        return new TableKey(schema.equals(DEFAULT_SCHEMA) ? "" : schema, table);
    }

    /**
     * The name as reports show it.
     *
     * @return {@code users} or {@code audit.users}
     */
    @Override
    public String toString() {
        return schema.isEmpty() ? name : schema + "." + name;
    }
}
