package dev.lumen.db.core.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Record6;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableOptions;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;

/**
 * Compares the live schema with the generated jOOQ catalog: tables, columns (type, length, nullability),
 * primary, unique and foreign keys, and indexes. A difference means someone changed the database outside the
 * migrations (or the code was generated from other migrations), which the generated, compile-checked code
 * cannot know about.
 */
public final class SchemaDrift {

    /** Tables that are bookkeeping, not part of the generated API. */
    private static final Set<String> IGNORED = Set.of("flyway_schema_history", "lumen_db_migration_failures");

    private static final Table<?> COLUMNS = DSL.table(DSL.name("information_schema", "columns"));
    private static final Field<String> SCHEMA = DSL.field(DSL.name("table_schema"), String.class);
    private static final Field<String> TABLE = DSL.field(DSL.name("table_name"), String.class);
    private static final Field<String> COLUMN = DSL.field(DSL.name("column_name"), String.class);
    private static final Field<String> UDT = DSL.field(DSL.name("udt_name"), String.class);
    private static final Field<String> NULLABLE = DSL.field(DSL.name("is_nullable"), String.class);
    private static final Field<Integer> LENGTH = DSL.field(DSL.name("character_maximum_length"), Integer.class);
    private static final Field<String> DATA_TYPE = DSL.field(DSL.name("data_type"), String.class);

    // pg_index joined to the index's and the table's pg_class rows and the table's namespace.
    private static final Table<?> PG_INDEX = DSL.table(DSL.name("pg_catalog", "pg_index")).as("x");
    private static final Table<?> INDEX_CLASS = DSL.table(DSL.name("pg_catalog", "pg_class")).as("i");
    private static final Table<?> TABLE_CLASS = DSL.table(DSL.name("pg_catalog", "pg_class")).as("t");
    private static final Table<?> NAMESPACE = DSL.table(DSL.name("pg_catalog", "pg_namespace")).as("n");
    private static final Field<Long> INDEX_OID = DSL.field(DSL.name("x", "indexrelid"), Long.class);
    private static final Field<Long> INDEXED_TABLE_OID = DSL.field(DSL.name("x", "indrelid"), Long.class);
    private static final Field<Object> INDEX_EXPRESSIONS = DSL.field(DSL.name("x", "indexprs"), Object.class);
    private static final Field<Long> INDEX_CLASS_OID = DSL.field(DSL.name("i", "oid"), Long.class);
    private static final Field<String> INDEX_NAME = DSL.field(DSL.name("i", "relname"), String.class);
    private static final Field<Long> TABLE_CLASS_OID = DSL.field(DSL.name("t", "oid"), Long.class);
    private static final Field<String> INDEX_TABLE = DSL.field(DSL.name("t", "relname"), String.class);
    private static final Field<Long> TABLE_NAMESPACE = DSL.field(DSL.name("t", "relnamespace"), Long.class);
    private static final Field<Long> NAMESPACE_OID = DSL.field(DSL.name("n", "oid"), Long.class);
    private static final Field<String> INDEX_SCHEMA = DSL.field(DSL.name("n", "nspname"), String.class);

    private static final Table<?> CONSTRAINTS = DSL.table(DSL.name("information_schema", "table_constraints"));
    private static final Field<String> CONSTRAINT_SCHEMA = DSL.field(DSL.name("constraint_schema"), String.class);
    private static final Field<String> CONSTRAINT_NAME = DSL.field(DSL.name("constraint_name"), String.class);
    private static final Field<String> CONSTRAINT_TYPE = DSL.field(DSL.name("constraint_type"), String.class);

    private SchemaDrift() {
    }

    /**
     * The differences between the live schema and the generated one.
     *
     * @param dsl      a connection to the database
     * @param expected the generated schema (for example {@code DefaultSchema.DEFAULT_SCHEMA})
     * @param schema   the database schema to read, usually {@code public}
     * @return one line per difference, empty when they match
     */
    public static List<String> between(DSLContext dsl, Schema expected, String schema) {
        List<String> drift = new ArrayList<>();
        Map<String, Map<String, Record6<String, String, String, String, Integer, String>>> live = new HashMap<>();
        for (Record6<String, String, String, String, Integer, String> column : dsl
                .select(TABLE, COLUMN, UDT, NULLABLE, LENGTH, DATA_TYPE)
                .from(COLUMNS)
                .where(SCHEMA.eq(schema))
                .fetch()) {
            live.computeIfAbsent(column.value1(), t -> new HashMap<>()).put(column.value2(), column);
        }
        // jOOQ's code generator does not represent expression indexes (lower(email)), so only plain ones compare.
        Set<String> liveIndexes = new HashSet<>(dsl.select(INDEX_NAME)
                .from(PG_INDEX)
                .join(INDEX_CLASS).on(INDEX_CLASS_OID.eq(INDEX_OID))
                .join(TABLE_CLASS).on(TABLE_CLASS_OID.eq(INDEXED_TABLE_OID))
                .join(NAMESPACE).on(NAMESPACE_OID.eq(TABLE_NAMESPACE))
                .where(INDEX_SCHEMA.eq(schema))
                .and(INDEX_EXPRESSIONS.isNull())
                .and(INDEX_TABLE.notIn(IGNORED))
                .fetch(INDEX_NAME));
        Map<String, String> liveConstraints = new HashMap<>();
        dsl.select(CONSTRAINT_NAME, CONSTRAINT_TYPE).from(CONSTRAINTS).where(CONSTRAINT_SCHEMA.eq(schema))
                .and(CONSTRAINT_TYPE.in("PRIMARY KEY", "UNIQUE", "FOREIGN KEY"))
                .and(TABLE.notIn(IGNORED))
                .forEach(r -> liveConstraints.put(r.value1(), r.value2()));

        Set<String> expectedTables = new TreeSet<>();
        Set<String> expectedIndexes = new HashSet<>();
        for (Table<?> table : expected.getTables()) {
            if (table.getTableType() == TableOptions.TableType.FUNCTION) {
                // A table-valued function (an extension such as citext brings regexp_matches): not a relation.
                continue;
            }
            String name = table.getName();
            expectedTables.add(name);
            Map<String, Record6<String, String, String, String, Integer, String>> columns = live.get(name);
            if (columns == null) {
                drift.add("table " + name + " is missing from the database");
                continue;
            }
            compareColumns(table, columns, drift);
            compareKeys(table, liveConstraints, drift);
            for (Index index : table.getIndexes()) {
                expectedIndexes.add(index.getName());
            }
            UniqueKey<?> primary = table.getPrimaryKey();
            if (primary != null) {
                expectedIndexes.add(primary.getName());
            }
            for (UniqueKey<?> unique : table.getUniqueKeys()) {
                expectedIndexes.add(unique.getName());
            }
        }
        for (String table : new TreeSet<>(live.keySet())) {
            if (!expectedTables.contains(table) && !IGNORED.contains(table)) {
                drift.add("table " + table + " exists in the database but not in the generated code");
            }
        }
        for (String index : new TreeSet<>(expectedIndexes)) {
            if (!liveIndexes.contains(index)) {
                drift.add("index " + index + " is missing from the database");
            }
        }
        for (String index : new TreeSet<>(liveIndexes)) {
            if (!expectedIndexes.contains(index)) {
                drift.add("index " + index + " exists in the database but not in the generated code");
            }
        }
        return drift;
    }

    private static void compareColumns(Table<?> table,
            Map<String, Record6<String, String, String, String, Integer, String>> columns, List<String> drift) {
        Set<String> seen = new HashSet<>();
        for (Field<?> field : table.fields()) {
            String where = table.getName() + "." + field.getName();
            Record6<String, String, String, String, Integer, String> column = columns.get(field.getName());
            if (column == null) {
                drift.add("column " + where + " is missing from the database");
                continue;
            }
            seen.add(field.getName());
            DataType<?> expectedType = field.getDataType();
            DataType<?> liveType = liveType(column.value3());
            boolean sameType = liveType.getSQLDataType() != null && expectedType.getSQLDataType() != null
                    && liveType.getSQLDataType().getTypeName().equals(expectedType.getSQLDataType().getTypeName())
                    || namedLike(expectedType, column.value3());
            int expectedLength = expectedType.hasLength() ? expectedType.length() : 0;
            int liveLength = column.value5() == null ? 0 : column.value5();
            if (!sameType || expectedLength != liveLength) {
                drift.add("column " + where + " is " + describe(expectedType) + " in the generated code but "
                        + column.value6().toLowerCase(Locale.ROOT) + (liveLength > 0 ? "(" + liveLength + ")" : "")
                        + " in the database");
            }
            boolean liveNullable = "YES".equals(column.value4());
            if (liveNullable != expectedType.nullable()) {
                drift.add("column " + where + " is " + (expectedType.nullable() ? "nullable" : "NOT NULL")
                        + " in the generated code but " + (liveNullable ? "nullable" : "NOT NULL") + " in the database");
            }
        }
        for (String name : new TreeSet<>(columns.keySet())) {
            if (!seen.contains(name)) {
                drift.add("column " + table.getName() + "." + name + " exists in the database but not in the generated code");
            }
        }
    }

    private static void compareKeys(Table<?> table, Map<String, String> liveConstraints, List<String> drift) {
        List<String> expected = new ArrayList<>();
        if (table.getPrimaryKey() != null) {
            expected.add(table.getPrimaryKey().getName());
        }
        table.getUniqueKeys().stream().map(UniqueKey::getName).forEach(expected::add);
        table.getReferences().stream().map(ForeignKey::getName).forEach(expected::add);
        for (String key : expected) {
            if (!liveConstraints.containsKey(key)) {
                drift.add("key " + key + " of " + table.getName() + " is missing from the database");
            }
        }
    }

    /**
     * Whether a type jOOQ knows by name (a PostgreSQL enum, an extension's base type such as citext, generated as
     * {@code "public"."citext"}) is the catalog's {@code udt_name}. jOOQ's lookup of a live type by name only finds
     * such types once their generated class was loaded, so the name itself is compared.
     */
    private static boolean namedLike(DataType<?> type, String udtName) {
        DataType<?> sqlType = type.getSQLDataType();
        return bareName(type.getTypeName()).equals(udtName)
                || sqlType != null && bareName(sqlType.getTypeName()).equals(udtName);
    }

    private static String bareName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1).replace("\"", "");
    }

    private static DataType<?> liveType(String udtName) {
        try {
            return DefaultDataType.getDataType(org.jooq.SQLDialect.POSTGRES, udtName);
        } catch (RuntimeException e) {
            return SQLDataType.OTHER;
        }
    }

    private static String describe(DataType<?> type) {
        String name = type.getSQLDataType() == null ? type.getTypeName() : type.getSQLDataType().getTypeName();
        String shown = "clob".equals(name) ? "text" : name;
        return type.hasLength() && type.length() > 0 ? shown + "(" + type.length() + ")" : shown;
    }
}
