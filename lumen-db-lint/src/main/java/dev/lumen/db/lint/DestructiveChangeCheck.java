package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/** {@link Rule#LDB005}: columns or tables of earlier migrations dropped or renamed. */
final class DestructiveChangeCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB005;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            switch (change) {
                case Change.AlterTable alter when state.isExisting(alter.table()) -> {
                    for (String column : alter.droppedColumns()) {
                        messages.add("column " + column + " of existing table " + alter.table()
                                + " is dropped while the running release may still use it");
                    }
                    if (alter.renamedColumn() != null) {
                        messages.add("column " + alter.renamedColumn() + " of existing table " + alter.table()
                                + " is renamed to " + alter.renamedColumnTo()
                                + " while the running release may still use the old name");
                    }
                    if (alter.renamedTo() != null) {
                        messages.add("existing table " + alter.table() + " is renamed to " + alter.renamedTo()
                                + " while the running release may still use the old name");
                    }
                }
                case Change.DropTable drop when state.isExisting(drop.table()) ->
                        messages.add("existing table " + drop.table()
                                + " is dropped while the running release may still use it");
                default -> {
                    // Neither drops nor renames.
                }
            }
        }
        return messages;
    }
}
