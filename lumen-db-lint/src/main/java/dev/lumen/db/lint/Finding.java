package dev.lumen.db.lint;

/**
 * A rule broken somewhere in a file, before suppressions are applied.
 *
 * @param rule      the rule
 * @param line      1-based line
 * @param statement index of the statement in its file, or {@link #FILE} for file-level findings
 * @param message   what is wrong
 */
record Finding(Rule rule, int line, int statement, String message) {

    /** The statement index of findings about a whole file. */
    static final int FILE = -1;
}
