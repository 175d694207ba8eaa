package dev.lumen.db.lint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The linter's rules. Each has an id ({@code LDB001}), a title, a one-line reason and a one-line fix; the full
 * documentation with examples is {@code src/docs/migration-lint.md}.
 *
 * <p>Undo scripts ({@code U<version>__<name>.sql}) restore the previous schema inside the single transaction of
 * lumen-db's {@code down}, which sets {@code lock_timeout} itself. Only the rules about what a schema contains
 * and about changes that fail or rewrite tables apply to them: {@link #LDB002}, {@link #LDB004}, {@link #LDB007},
 * {@link #LDB008}, {@link #LDB010} (and {@link #LDB000}).
 */
public enum Rule {

    /** A {@code lumen-lint} suppression comment without a reason, or naming no or an unknown rule. */
    LDB000("Suppression without a reason or with an unknown rule",
            "A suppression switches a safety check off: without a reason nobody can review it, and an unknown"
                    + " rule id suppresses nothing.",
            "Write -- lumen-lint:disable LDB0xx <why this change is safe>, with a rule id from the documentation.",
            true),

    /**
     * {@code CREATE INDEX} (or {@code DROP INDEX}, {@code ADD UNIQUE / PRIMARY KEY}) without {@code CONCURRENTLY} on an
     * existing table.
     */
    LDB001("Index built or dropped without CONCURRENTLY on an existing table",
            "A plain CREATE INDEX holds a SHARE lock that blocks every INSERT, UPDATE and DELETE until the "
                    + "index is built; DROP INDEX and ADD UNIQUE / PRIMARY KEY take an ACCESS EXCLUSIVE lock.",
            "Use CREATE INDEX CONCURRENTLY (DROP INDEX CONCURRENTLY) as the only statement of its own "
                    + "migration; for a constraint, build the unique index concurrently and then ADD CONSTRAINT ... "
                    + "USING INDEX.",
            false),

    /** {@code ADD COLUMN ... NOT NULL} without a {@code DEFAULT} on an existing table. */
    LDB002("NOT NULL column added without a DEFAULT",
            "Adding a NOT NULL column without a DEFAULT fails on a table that has rows, so the migration "
                    + "breaks on every database with data.",
            "Give the column a constant DEFAULT (no rewrite since PostgreSQL 11), or add it nullable, "
                    + "backfill it, and set NOT NULL in a later migration.",
            true),

    /** A {@code FOREIGN KEY} or {@code CHECK} constraint added to an existing table without {@code NOT VALID}. */
    LDB003("FOREIGN KEY or CHECK constraint added without NOT VALID",
            "Adding the constraint scans the whole table to check existing rows while holding a lock that "
                    + "blocks writes to it (and, for a foreign key, to the referenced table).",
            "ADD CONSTRAINT ... NOT VALID now, then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration:"
                    + " validating lets reads and writes go on.",
            false),

    /** {@code ALTER COLUMN ... TYPE} on an existing table. */
    LDB004("Column type changed",
            "ALTER COLUMN ... TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (binary-"
                    + "coercible changes such as varchar(n) to text excepted), and code reading the old type breaks.",
            "Add a column of the new type, backfill it, move the code over, drop the old column later; "
                    + "suppress with the reason when the change is binary-coercible.",
            true),

    /**
     * {@code DROP COLUMN}, {@code RENAME COLUMN}, {@code DROP TABLE} or {@code ALTER TABLE ... RENAME TO} on an
     * existing table.
     */
    LDB005("Column or table dropped or renamed",
            "Instances still running the previous release keep using the old name, so their queries fail "
                    + "during the deploy, and a drop loses data no undo script brings back.",
            "Expand and contract: release code that no longer uses the column or table first, then drop or "
                    + "rename it in a later migration.",
            false),

    /** A statement that takes a strong lock on an existing table with no {@code lock_timeout} set before it. */
    LDB006("Strong lock without lock_timeout",
            "A statement waiting for an ACCESS EXCLUSIVE or SHARE lock behind one long transaction makes "
                    + "every later query on the table queue behind it, which stalls the application.",
            "Put SET lock_timeout = '5s' (or SET LOCAL lock_timeout = '5s') before the statement, so it fails"
                    + " fast and can be retried instead of stalling the application.",
            false),

    /** An {@code int}, {@code integer}, {@code smallint}, {@code serial} or {@code smallserial} primary key. */
    LDB007("32-bit or 16-bit integer primary key",
            "int and serial keys run out at 2,147,483,647 (smallint at 32,767), and widening a primary key "
                    + "later rewrites the table and every table referencing it.",
            "Use bigint GENERATED ALWAYS AS IDENTITY (or bigserial) or uuid for primary keys.",
            true),

    /** A {@code varchar(n)}, {@code character varying(n)} or {@code char(n)} column. */
    LDB008("Length-limited character type",
            "In PostgreSQL varchar(n) and char(n) are no faster than text; the limit hides a business rule in"
                    + " the type, raising it is an ALTER COLUMN TYPE, and char(n) pads with blanks.",
            "Use text, with CHECK (char_length(column) <= n) when the limit is a real rule.",
            true),

    /** A {@code V<version>__<name>.sql} migration without {@code U<version>__<name>.sql} beside it. */
    LDB009("Migration without an undo script",
            "lumen-db's down refuses to revert past a migration whose undo script is missing, so a bad "
                    + "release cannot be rolled back.",
            "Add U<version>__<same name>.sql beside the migration, restoring the schema exactly as it was before it.",
            false),

    /**
     * A statement that cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM},
     * ...) sharing its migration with other statements, or in an undo script.
     */
    LDB010("Non-transactional statement not alone in its migration",
            "Flyway runs a migration in one transaction, or outside one when it sees a statement such as CREATE"
                    + " INDEX CONCURRENTLY; with other statements beside it (even SET lock_timeout) the migration fails,"
                    + " and undo scripts always run inside lumen-db's single down transaction.",
            "Put the statement alone in its own migration (a CONCURRENTLY build needs no lock_timeout); in an"
                    + " undo script use the plain form, e.g. DROP INDEX without CONCURRENTLY.",
            true);

    private final String title;
    private final String why;
    private final String fix;
    private final boolean appliesToUndoScripts;

    Rule(String title, String why, String fix, boolean appliesToUndoScripts) {
        this.title = title;
        this.why = why;
        this.fix = fix;
        this.appliesToUndoScripts = appliesToUndoScripts;
    }

    /**
     * The rule's id, as written in reports and suppression comments.
     *
     * @return for example {@code LDB001}
     */
    public String id() {
        return name();
    }

    /**
     * What the rule flags, in a few words.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Why a violation hurts, in one sentence.
     *
     * @return the reason
     */
    public String why() {
        return why;
    }

    /**
     * What to do instead, in one sentence.
     *
     * @return the fix
     */
    public String fix() {
        return fix;
    }

    /**
     * Whether the rule can be switched off by configuration or a suppression comment ({@link #LDB000} cannot).
     *
     * @return false only for {@link #LDB000}
     */
    public boolean suppressible() {
        return this != LDB000;
    }

    /**
     * Finds a rule by id, ignoring case.
     *
     * @param id for example {@code LDB001} or {@code ldb001}
     * @return the rule, or empty for an unknown id
     */
    public static Optional<Rule> byId(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(rule -> rule.name().equals(wanted)).findFirst();
    }

    /** Whether the rule judges files of this kind. */
    boolean appliesTo(MigrationKind kind) {
        return switch (kind) {
            case UNDO -> appliesToUndoScripts;
            case VERSIONED -> true;
            case REPEATABLE, OTHER -> this != LDB009;
        };
    }
}
