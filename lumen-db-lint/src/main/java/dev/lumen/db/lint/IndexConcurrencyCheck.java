package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/** {@link Rule#LDB001}: indexes built or dropped on an existing table without {@code CONCURRENTLY}. */
final class IndexConcurrencyCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB001;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        List<String> messages = new ArrayList<>();
        for (Change change : changes) {
            switch (change) {
                case Change.CreateIndex index when !index.concurrently() && state.isExisting(index.table()) ->
                        messages.add((index.unique() ? "CREATE UNIQUE INDEX" : "CREATE INDEX")
                                + (index.name() == null ? "" : " " + index.name()) + " on existing table "
                                + index.table() + " without CONCURRENTLY blocks writes to it until the index is built");
                case Change.DropIndex drop when !drop.concurrently() && !state.isCreatedHere(drop.name()) ->
                        messages.add("DROP INDEX " + drop.name()
                                + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table");
                case Change.AlterTable alter when state.isExisting(alter.table()) -> {
                    for (Change.Constraint constraint : alter.addedConstraints()) {
                        if (constraint.kind() == Change.Constraint.Kind.PRIMARY_KEY
                                || constraint.kind() == Change.Constraint.Kind.UNIQUE) {
                            messages.add("ADD " + constraint.describe() + " on existing table " + alter.table()
                                    + " builds its index under an ACCESS EXCLUSIVE lock");
                        }
                    }
                }
                default -> {
                    // Not about indexes.
                }
            }
        }
        return messages;
    }
}
