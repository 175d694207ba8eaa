package dev.lumen.db.lint;

import java.util.Set;

/**
 * What jOOQ's parser gets for (part of) one statement: the statement's text with the clauses jOOQ cannot parse
 * blanked out, and those clauses. A multi-action {@code ALTER TABLE} or a multi-table {@code DROP} becomes one
 * unit per action or table, so that each is parsed and judged on its own.
 *
 * @param sql     text for the parser; same length and line breaks as the original statement
 * @param label   what the unit is, for "not analysed" reports ({@code ALTER TABLE ... VALIDATE})
 * @param clauses the lifted clauses
 */
record ParseUnit(String sql, String label, Set<Clause> clauses) {

    /** Freezes the clause set. */
    ParseUnit {
        clauses = Set.copyOf(clauses);
    }

    /**
     * Whether a clause was lifted out of this unit.
     *
     * @param clause the clause
     * @return true when the statement had it
     */
    boolean has(Clause clause) {
        return clauses.contains(clause);
    }
}
