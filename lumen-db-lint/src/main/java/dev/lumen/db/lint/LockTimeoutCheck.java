package dev.lumen.db.lint;

import java.util.List;
import java.util.Optional;

/**
 * {@link Rule#LDB006}: a statement taking an {@code ACCESS EXCLUSIVE} or {@code SHARE} lock on an existing table
 * with no non-zero {@code lock_timeout} set by an earlier statement of the file. One message per statement. An
 * {@code ALTER TABLE ... ADD FOREIGN KEY} counts when either table exists: it locks the referenced table too
 * ({@code SHARE ROW EXCLUSIVE}, which blocks writes to it), also when the altered table is new.
 */
final class LockTimeoutCheck implements Check {

    @Override
    public Rule rule() {
        return Rule.LDB006;
    }

    @Override
    public List<String> check(List<Change> changes, FileState state) {
        if (state.lockTimeoutSet()) {
            return List.of();
        }
        return changes.stream()
                .map(change -> strongLock(change, state))
                .flatMap(Optional::stream)
                .findFirst()
                .map(lock -> List.of(lock + ", and no lock_timeout is set before it"))
                .orElse(List.of());
    }

    /** What strong lock a change takes on an existing table, if any. */
    private static Optional<String> strongLock(Change change, FileState state) {
        return switch (change) {
            case Change.AlterTable alter when referencedExisting(alter, state).isPresent() -> {
                Change.Constraint key = referencedExisting(alter, state).orElseThrow();
                yield Optional.of("ALTER TABLE " + alter.table() + " adds " + key.describe() + " referencing existing"
                        + " table " + key.references() + ", which locks both tables against writes (SHARE ROW"
                        + " EXCLUSIVE)");
            }
            case Change.AlterTable alter when state.isExisting(alter.table()) ->
                    Optional.of("ALTER TABLE " + alter.table()
                            + " takes an ACCESS EXCLUSIVE lock on an existing table");
            case Change.CreateIndex index when !index.concurrently() && state.isExisting(index.table()) ->
                    Optional.of("CREATE INDEX takes a SHARE lock on existing table " + index.table());
            case Change.DropIndex drop when !drop.concurrently() && !state.isCreatedHere(drop.name()) ->
                    Optional.of("DROP INDEX " + drop.name() + " takes an ACCESS EXCLUSIVE lock on its table");
            case Change.DropTable drop when state.isExisting(drop.table()) ->
                    Optional.of("DROP TABLE " + drop.table() + " takes an ACCESS EXCLUSIVE lock on an existing table");
            case Change.Truncate truncate when truncate.tables().stream().anyMatch(state::isExisting) ->
                    Optional.of("TRUNCATE takes an ACCESS EXCLUSIVE lock on existing table "
                            + truncate.tables().stream().filter(state::isExisting).findFirst().orElseThrow());
            default -> Optional.empty();
        };
    }

    /** The first foreign key an {@code ALTER TABLE} adds that references a table of an earlier migration. */
    private static Optional<Change.Constraint> referencedExisting(Change.AlterTable alter, FileState state) {
        return alter.addedConstraints().stream()
                .filter(constraint -> constraint.kind() == Change.Constraint.Kind.FOREIGN_KEY)
                .filter(constraint -> constraint.references() != null && state.isExisting(constraint.references()))
                .findFirst();
    }
}
