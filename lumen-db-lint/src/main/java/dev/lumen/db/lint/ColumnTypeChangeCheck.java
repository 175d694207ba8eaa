package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/** {@link Rule#LDB004}: {@code ALTER COLUMN ... TYPE} on an existing table. */
final class ColumnTypeChangeCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB004;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Change.AlterTable alter && alter.typeChange() != null
                    && state.isExisting(alter.table())) {
                messages.add("column " + alter.typeChange().name() + " of existing table " + alter.table()
                        + " changes type to " + ColumnTypes.describe(alter.typeChange().type())
                        + ", which rewrites the table under an ACCESS EXCLUSIVE lock");
            }
        }
        return messages;
    }
}
