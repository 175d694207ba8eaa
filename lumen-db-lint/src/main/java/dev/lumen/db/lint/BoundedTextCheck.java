package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Rule#LDB008}: {@code varchar(n)}, {@code character varying(n)} and {@code char(n)} columns. */
final class BoundedTextCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB008;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            switch (change) {
                case Change.CreateTable create -> create.columns().forEach(column -> judge(create.table(), column,
                        messages));
                case Change.AlterTable alter -> {
                    alter.addedColumns().forEach(column -> judge(alter.table(), column, messages));
                    if (alter.typeChange() != null) {
                        judge(alter.table(), alter.typeChange(), messages);
                    }
                }
                default -> {
                    // No column types here.
                }
            }
        }
        return messages;
    }

    private static void judge(TableKey table, Change.Column column, List<String> messages) {
        Optional<String> bounded = ColumnTypes.boundedCharacterType(column.type());
        bounded.ifPresent(type -> messages.add("column " + column.name() + " of table " + table + " is " + type
                + " where text would serve"));
    }
}
