package dev.lumen.db.lint;

import java.util.List;

/** One rule's judgement of one statement. Implementations are stateless; the file's state is passed in. */
interface Check {

    /**
     * The rule this check enforces.
     *
     * @return the rule
     */
    Rule rule();

    /**
     * Judges a statement, before its changes are applied to the file's state.
     *
     * @param changes what the statement does (one change per parsed unit)
     * @param state   what earlier statements of the file did
     * @return one message per violation, empty when the statement is fine
     */
    List<String> check(List<Change> changes, FileState state);

    /**
     * Every statement check, in rule order. {@link Rule#LDB009} is judged per folder, not per statement.
     *
     * @return the checks
     */
    static List<Check> all() {
        return List.of(new IndexConcurrencyCheck(), new NotNullColumnCheck(), new UnvalidatedConstraintCheck(),
                new ColumnTypeChangeCheck(), new DestructiveChangeCheck(), new LockTimeoutCheck(),
                new IntegerPrimaryKeyCheck(), new BoundedTextCheck());
    }
}
