package dev.lumen.db.lint;

import java.util.List;
import org.jooq.DataType;
import org.jspecify.annotations.Nullable;

/**
 * What one parsed statement (or one action of an {@code ALTER TABLE}) does to the schema, in the terms the
 * rules need. {@link ChangeReader} builds it from jOOQ's query model.
 */
sealed interface Change {

    /**
     * A column with its parsed type; the type carries nullability, default and identity.
     *
     * @param name folded column name
     * @param type parsed type
     */
    record Column(String name, DataType<?> type) {
    }

    /**
     * A table constraint, also for constraints written inline on a column.
     *
     * @param kind     what it is
     * @param name     folded name, or null when unnamed
     * @param columns  folded names of its columns (empty for {@code CHECK})
     * @param notValid   whether it was added with {@code NOT VALID}
     * @param references for a foreign key, the table it references; otherwise null
     */
    record Constraint(Kind kind, @Nullable String name, List<String> columns, boolean notValid,
            @Nullable TableKey references) {

        /** Constraint kinds the rules tell apart. */
        enum Kind {
            /** {@code PRIMARY KEY}. */
            PRIMARY_KEY,
            /** {@code UNIQUE}. */
            UNIQUE,
            /** {@code FOREIGN KEY} / {@code REFERENCES}. */
            FOREIGN_KEY,
            /** {@code CHECK}. */
            CHECK,
            /** Anything else. */
            OTHER
        }

        /** Freezes the column list. */
        public Constraint {
            columns = List.copyOf(columns);
        }

        /**
         * A constraint that references no table.
         *
         * @param kind     what it is
         * @param name     folded name, or null
         * @param columns  folded column names
         * @param notValid whether it was added with {@code NOT VALID}
         */
        Constraint(Kind kind, @Nullable String name, List<String> columns, boolean notValid) {
            this(kind, name, columns, notValid, null);
        }

        /**
         * How reports name the constraint.
         *
         * @return for example {@code FOREIGN KEY user_roles_user_fk}
         */
        String describe() {
            String type = switch (kind) {
                case PRIMARY_KEY -> "PRIMARY KEY";
                case UNIQUE -> "UNIQUE";
                case FOREIGN_KEY -> "FOREIGN KEY";
                case CHECK -> "CHECK";
                case OTHER -> "constraint";
            };
            return name == null ? type + " constraint" : type + " " + name;
        }
    }

    /**
     * {@code CREATE TABLE}.
     *
     * @param table       the new table
     * @param columns     its columns
     * @param constraints its constraints, inline ones included
     */
    record CreateTable(TableKey table, List<Column> columns, List<Constraint> constraints) implements Change {

        /** Freezes the lists. */
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
    }

    /**
     * One action of {@code ALTER TABLE}; several fields are set only when a single action yields more than one
     * element ({@code ADD COLUMN id serial PRIMARY KEY} adds a column and a constraint).
     *
     * @param table            the altered table
     * @param addedColumns     {@code ADD COLUMN}
     * @param addedConstraints {@code ADD CONSTRAINT}, and inline constraints of added columns
     * @param typeChange       {@code ALTER COLUMN ... TYPE}: the column with its new type
     * @param droppedColumns   {@code DROP COLUMN}
     * @param renamedColumn    {@code RENAME COLUMN} old name
     * @param renamedColumnTo  {@code RENAME COLUMN} new name
     * @param renamedTo        {@code RENAME TO}: the table's new name
     */
    record AlterTable(TableKey table, List<Column> addedColumns, List<Constraint> addedConstraints,
            @Nullable Column typeChange, List<String> droppedColumns, @Nullable String renamedColumn,
            @Nullable String renamedColumnTo, @Nullable TableKey renamedTo) implements Change {

        /** Freezes the lists. */
        public AlterTable {
            addedColumns = List.copyOf(addedColumns);
            addedConstraints = List.copyOf(addedConstraints);
            droppedColumns = List.copyOf(droppedColumns);
        }
    }

    /**
     * {@code CREATE INDEX}.
     *
     * @param name         folded index name, or null for an unnamed index
     * @param table        the indexed table
     * @param unique       {@code CREATE UNIQUE INDEX}
     * @param concurrently {@code CONCURRENTLY}
     */
    record CreateIndex(@Nullable String name, TableKey table, boolean unique, boolean concurrently) implements Change {
    }

    /**
     * {@code DROP INDEX}.
     *
     * @param name         folded index name
     * @param concurrently {@code CONCURRENTLY}
     */
    record DropIndex(String name, boolean concurrently) implements Change {
    }

    /**
     * {@code DROP TABLE}.
     *
     * @param table the dropped table
     */
    record DropTable(TableKey table) implements Change {
    }

    /**
     * {@code TRUNCATE}.
     *
     * @param tables the emptied tables
     */
    record Truncate(List<TableKey> tables) implements Change {

        /** Freezes the list. */
        public Truncate {
            tables = List.copyOf(tables);
        }
    }

    /**
     * {@code SET [LOCAL] name = value}.
     *
     * @param name  folded parameter name
     * @param value the value as written, without quotes
     * @param local {@code SET LOCAL}
     */
    record SetParameter(String name, String value, boolean local) implements Change {
    }

    /**
     * Any other statement jOOQ parsed ({@code COMMENT ON}, {@code INSERT}, {@code CREATE VIEW}, ...): none of the
     * rules is about it.
     *
     * @param kind what it is
     */
    record Other(String kind) implements Change {
    }
}
