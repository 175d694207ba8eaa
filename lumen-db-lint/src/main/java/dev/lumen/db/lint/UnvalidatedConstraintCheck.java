package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Rule#LDB003}: {@code FOREIGN KEY} and {@code CHECK} constraints added to an existing table without
 * {@code NOT VALID}.
 */
final class UnvalidatedConstraintCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB003;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Change.AlterTable alter && state.isExisting(alter.table())) {
                for (Change.Constraint constraint : alter.addedConstraints()) {
                    boolean validating = constraint.kind() == Change.Constraint.Kind.FOREIGN_KEY
                            || constraint.kind() == Change.Constraint.Kind.CHECK;
                    if (validating && !constraint.notValid()) {
                        messages.add(constraint.describe() + " is added to existing table " + alter.table()
                                + " without NOT VALID, so every row is checked while writes are blocked");
                    }
                }
            }
        }
        return messages;
    }
}
