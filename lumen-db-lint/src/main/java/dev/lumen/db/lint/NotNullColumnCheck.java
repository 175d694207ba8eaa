package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/** {@link Rule#LDB002}: {@code NOT NULL} columns added to an existing table without a {@code DEFAULT}. */
final class NotNullColumnCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB002;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Change.AlterTable alter && state.isExisting(alter.table())) {
                for (Change.Column column : alter.addedColumns()) {
                    if (ColumnTypes.isNotNullWithoutDefault(column.type())) {
                        messages.add("column " + column.name() + " is added to existing table " + alter.table()
                                + " as NOT NULL without a DEFAULT, which fails once the table has rows");
                    }
                }
            }
        }
        return messages;
    }
}
