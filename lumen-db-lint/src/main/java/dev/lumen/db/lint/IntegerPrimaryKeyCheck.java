package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DataType;

/**
 * {@link Rule#LDB007}: primary keys of {@code int}, {@code integer}, {@code smallint}, {@code serial} or
 * {@code smallserial} columns, in new tables and in {@code ADD PRIMARY KEY} / {@code ADD COLUMN ... PRIMARY KEY}.
 * A primary key on a column of an earlier migration cannot be judged: its type is not in this file.
 */
final class IntegerPrimaryKeyCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB007;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            switch (change) {
                case Change.CreateTable create ->
                        judge(create.table(), create.constraints(), create.columns(), state, messages);
                case Change.AlterTable alter ->
                        judge(alter.table(), alter.addedConstraints(), alter.addedColumns(), state, messages);
                default -> {
                    // No primary key here.
                }
            }
        }
        return messages;
    }

    private static void judge(TableKey table, List<Change.Constraint> constraints, List<Change.Column> columns,
            FileState state, List<String> messages) {
        for (Change.Constraint constraint : constraints) {
            if (constraint.kind() != Change.Constraint.Kind.PRIMARY_KEY) {
                continue;
            }
            for (String column : constraint.columns()) {
                Optional<DataType<?>> type = columns.stream()
                        .filter(c -> c.name().equals(column))
                        .<DataType<?>>map(Change.Column::type)
                        .findFirst()
                        .or(() -> state.columnType(table, column));
                if (type.isPresent() && ColumnTypes.isNarrowInteger(type.get())) {
                    messages.add("primary key column " + column + " of table " + table + " is "
                            + ColumnTypes.describe(type.get()));
                }
            }
        }
    }
}
