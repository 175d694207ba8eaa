package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableElement;
import org.jooq.impl.QOM;
import org.jspecify.annotations.Nullable;

/** Turns a query parsed by jOOQ into the {@link Change} the rules judge. */
final class ChangeReader {

    private ChangeReader() {
    }

    /**
     * Reads a parsed query.
     *
     * @param query the query from jOOQ's parser
     * @param unit  the unit it was parsed from, for the clauses jOOQ did not see
     * @return the change
     * @throws IllegalStateException when jOOQ's {@code ALTER TABLE} model cannot be read
     */
    static Change read(Query query, ParseUnit unit) {
        if (AlterTableAccess.isAlterTable(query)) {
            return alterTable(AlterTableAccess.read(query), unit.has(Clause.NOT_VALID));
        }
        return switch (query) {
            case QOM.CreateTable create -> createTable(create);
            case QOM.CreateIndex index -> new Change.CreateIndex(
                    index.$index() == null ? null : Identifiers.last(index.$index().getQualifiedName()),
                    TableKey.of(index.$table()), index.$unique(), unit.has(Clause.CONCURRENTLY));
            case QOM.DropIndex drop -> new Change.DropIndex(Identifiers.qualified(drop.$index().getQualifiedName()),
                    unit.has(Clause.CONCURRENTLY));
            case QOM.DropTable drop -> new Change.DropTable(TableKey.of(drop.$table()));
            case QOM.Truncate<?> truncate -> new Change.Truncate(truncate.$table().stream()
                    .map(table -> TableKey.of((Table<?>) table)).toList());
            case QOM.SetCommand set -> new Change.SetParameter(Identifiers.qualified(set.$name()),
                    String.valueOf(set.$value().getValue()), set.$local() || unit.has(Clause.LOCAL));
            default -> new Change.Other(unit.label());
        };
    }

    private static Change.CreateTable createTable(QOM.CreateTable create) {
        List<Change.Column> columns = new ArrayList<>();
        List<Change.Constraint> constraints = new ArrayList<>();
        for (TableElement element : create.$tableElements()) {
            if (element instanceof Field<?> field) {
                columns.add(column(field, field.getDataType()));
            } else if (element instanceof org.jooq.Constraint constraint) {
                constraints.add(constraint(constraint, false));
            }
        }
        return new Change.CreateTable(TableKey.of(create.$table()), columns, constraints);
    }

    private static Change.AlterTable alterTable(AlterTableAccess.Parts parts, boolean notValid) {
        List<Change.Column> added = new ArrayList<>();
        List<Change.Constraint> constraints = new ArrayList<>();
        if (parts.addColumn() != null) {
            DataType<?> type = parts.addColumnType() != null ? parts.addColumnType() : parts.addColumn().getDataType();
            added.add(column(parts.addColumn(), type));
        }
        if (parts.addConstraint() != null) {
            constraints.add(constraint(parts.addConstraint(), notValid));
        }
        for (TableElement element : parts.add()) {
            if (element instanceof Field<?> field) {
                added.add(column(field, field.getDataType()));
            } else if (element instanceof org.jooq.Constraint constraint) {
                constraints.add(constraint(constraint, notValid));
            }
        }
        Change.Column typeChange = parts.alterColumn() != null && parts.alterColumnType() != null
                ? column(parts.alterColumn(), parts.alterColumnType())
                : null;
        return new Change.AlterTable(TableKey.of(parts.table()), added, constraints, typeChange,
                parts.dropColumns().stream().map(ChangeReader::name).toList(),
                parts.renameColumn() == null ? null : name(parts.renameColumn()),
                parts.renameColumnTo() == null ? null : name(parts.renameColumnTo()),
                parts.renameTo() == null ? null : TableKey.of(parts.renameTo()));
    }

    private static Change.Column column(Field<?> field, DataType<?> type) {
        return new Change.Column(name(field), type);
    }

    private static Change.Constraint constraint(org.jooq.Constraint constraint, boolean notValid) {
        return switch (constraint) {
            case QOM.PrimaryKey key -> new Change.Constraint(Change.Constraint.Kind.PRIMARY_KEY, name(key.$name()),
                    names(key.$fields()), notValid);
            case QOM.UniqueKey key -> new Change.Constraint(Change.Constraint.Kind.UNIQUE, name(key.$name()),
                    names(key.$fields()), notValid);
            case QOM.ForeignKey key -> new Change.Constraint(Change.Constraint.Kind.FOREIGN_KEY, name(key.$name()),
                    names(key.$fields()), notValid, TableKey.of(key.$referencesTable()));
            case QOM.Check check -> new Change.Constraint(Change.Constraint.Kind.CHECK, name(check.$name()),
                    List.of(), notValid);
            default -> new Change.Constraint(Change.Constraint.Kind.OTHER, name(constraint.getQualifiedName()),
                    List.of(), notValid);
        };
    }

    private static List<String> names(List<? extends Field<?>> fields) {
        return fields.stream().map(ChangeReader::name).toList();
    }

    private static String name(Field<?> field) {
        return Identifiers.last(field.getQualifiedName());
    }

    private static @Nullable String name(@Nullable Name name) {
        if (name == null || name.empty()) {
            return null;
        }
        return Identifiers.last(name);
    }
}
