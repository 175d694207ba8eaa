package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each rule's edges: what it flags, what it leaves alone. Scripts set lock_timeout unless LDB006 is the point. */
class RulesTest {

    @Test
    void whenAnIndexIsBuiltOnATableOfThisFileThenNoConcurrencyIsNeeded() {
        LintReport report = Lint.migration("""
                CREATE TABLE things (id uuid PRIMARY KEY, name text);
                CREATE INDEX things_name ON things (name);
                DROP INDEX things_name;
                ALTER TABLE things ADD CONSTRAINT things_name_key UNIQUE (name);
                """);

        assertThat(report.violations()).isEmpty();
    }

    @Test
    void whenIndexesOnExistingTablesAreBuiltOrDroppedPlainlyThenLdb001FlagsEach() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                CREATE UNIQUE INDEX ON users (email);
                DROP INDEX idx_users_active_login;
                ALTER TABLE roles ADD CONSTRAINT roles_name_key UNIQUE (name);
                ALTER TABLE roles ADD PRIMARY KEY (id);
                CREATE INDEX CONCURRENTLY idx_users_email ON users (email);
                DROP INDEX CONCURRENTLY IF EXISTS idx_old;
                """);

        // The CONCURRENTLY forms pass LDB001 but share the file with other statements: LDB010.
        assertThat(Lint.found(report)).containsExactly("LDB001@2", "LDB001@3", "LDB001@4", "LDB001@5", "LDB010@6",
                "LDB010@7");
        assertThat(report.violations().get(0).message())
                .isEqualTo("CREATE UNIQUE INDEX on existing table users without CONCURRENTLY blocks writes to it"
                        + " until the index is built");
        assertThat(report.violations().get(2).message())
                .isEqualTo("ADD UNIQUE roles_name_key on existing table roles builds its index under an"
                        + " ACCESS EXCLUSIVE lock");
    }

    @Test
    void whenANotNullColumnHasADefaultOrIsAnIdentityThenLdb002LetsItPass() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                ALTER TABLE users ADD COLUMN a boolean NOT NULL DEFAULT false;
                ALTER TABLE users ADD COLUMN b bigint GENERATED ALWAYS AS IDENTITY;
                ALTER TABLE users ADD COLUMN c text;
                ALTER TABLE users ADD COLUMN d text NOT NULL, ADD COLUMN e int NOT NULL DEFAULT 0;
                """);

        assertThat(Lint.found(report)).containsExactly("LDB002@5");
        assertThat(report.violations().getFirst().message()).startsWith("column d is added to existing table users");
    }

    @Test
    void whenAConstraintIsNotValidOrUniqueThenLdb003LetsItPassButInlineReferencesAreFlagged() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                ALTER TABLE users ADD CONSTRAINT users_age CHECK (age >= 0) NOT VALID;
                ALTER TABLE users ADD CONSTRAINT users_email_length CHECK (char_length(email) < 400);
                ALTER TABLE users ADD COLUMN team_id uuid REFERENCES teams (id);
                """);

        assertThat(Lint.found(report)).containsExactly("LDB003@3", "LDB003@4");
        assertThat(report.violations().get(0).message()).startsWith("CHECK users_email_length is added");
        assertThat(report.violations().get(1).message()).startsWith("FOREIGN KEY constraint is added");
    }

    @Test
    void whenATableIsDroppedOrRenamedThenLdb005FlagsItUnlessThisFileCreatedIt() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                CREATE TABLE scratch (id uuid PRIMARY KEY, note text);
                ALTER TABLE scratch RENAME COLUMN note TO body;
                ALTER TABLE scratch RENAME TO drafts;
                DROP TABLE drafts;
                ALTER TABLE users RENAME COLUMN first_name TO given_name;
                ALTER TABLE users RENAME TO accounts;
                DROP TABLE IF EXISTS roles, drafts2 CASCADE;
                """);

        assertThat(Lint.found(report)).containsExactly("LDB005@6", "LDB005@7", "LDB005@8", "LDB005@8");
        assertThat(report.violations()).extracting(Violation::message).containsExactly(
                "column first_name of existing table users is renamed to given_name while the running release may"
                        + " still use the old name",
                "existing table users is renamed to accounts while the running release may still use the old name",
                "existing table roles is dropped while the running release may still use it",
                "existing table drafts2 is dropped while the running release may still use it");
    }

    @Test
    void whenLockTimeoutIsSetLocallyOrResetToZeroThenLdb006FollowsIt() {
        LintReport report = Lint.migration("""
                ALTER TABLE users ADD COLUMN a text;
                SET LOCAL lock_timeout = 2000;
                ALTER TABLE users ADD COLUMN b text;
                SET lock_timeout TO 0;
                TRUNCATE users;
                SET statement_timeout = '1min';
                DROP TABLE roles;
                SET "lock_timeout" = '1s';
                ALTER TABLE users ADD COLUMN c text;
                """);

        assertThat(report.violationsOf("LDB006")).extracting(Violation::line).containsExactly(1, 5, 7);
        assertThat(report.violationsOf("LDB006").getFirst().message())
                .isEqualTo("ALTER TABLE users takes an ACCESS EXCLUSIVE lock on an existing table, and no"
                        + " lock_timeout is set before it");
    }

    @Test
    void whenLockTimeoutIsResetInAWayJooqCannotParseThenLdb006AssumesItIsGone() {
        LintReport report = Lint.migration("""
                SET SESSION lock_timeout = '5s';
                ALTER TABLE users ADD COLUMN a text;
                RESET lock_timeout;
                ALTER TABLE users ADD COLUMN b text;
                SET lock_timeout = '5s';
                SET lock_timeout TO DEFAULT;
                ALTER TABLE users ADD COLUMN c text;
                SET lock_timeout = '5s';
                RESET statement_timeout;
                ALTER TABLE users ADD COLUMN d text;
                """);

        assertThat(report.violationsOf("LDB006")).extracting(Violation::line).containsExactly(4, 7);
        assertThat(report.notAnalysed()).extracting(NotAnalysed::kind).containsExactly("RESET", "SET", "RESET");
    }

    @Test
    void whenStatementsOnlyTouchTablesOfThisFileThenLdb006StaysQuiet() {
        LintReport report = Lint.migration("""
                CREATE TABLE things (id uuid PRIMARY KEY);
                ALTER TABLE things ADD COLUMN name text;
                CREATE INDEX things_name ON things (name);
                CREATE INDEX CONCURRENTLY users_x ON users (x);
                COMMENT ON TABLE users IS 'not a strong lock';
                """);

        assertThat(report.violationsOf("LDB006")).isEmpty();
    }

    @Test
    void whenPrimaryKeysAreNarrowIntegersThenLdb007FlagsThemAndWideOnesPass() {
        LintReport report = Lint.migration("""
                CREATE TABLE a (id integer PRIMARY KEY);
                CREATE TABLE b (id smallserial, CONSTRAINT b_pkey PRIMARY KEY (id));
                CREATE TABLE c (id bigserial PRIMARY KEY);
                CREATE TABLE d (id uuid PRIMARY KEY, n int NOT NULL);
                CREATE TABLE e (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                CREATE TABLE f (id int4);
                ALTER TABLE f ADD PRIMARY KEY (id);
                CREATE TABLE g (x int8 NOT NULL);
                ALTER TABLE g ADD COLUMN id serial PRIMARY KEY;
                """);

        assertThat(Lint.found(report)).containsExactly("LDB007@1", "LDB007@2", "LDB007@7", "LDB007@9");
        assertThat(report.violations()).extracting(Violation::message).containsExactly(
                "primary key column id of table a is integer",
                "primary key column id of table b is smallint identity (serial)",
                "primary key column id of table f is integer",
                "primary key column id of table g is integer identity (serial)");
    }

    @Test
    void whenColumnsAreLengthLimitedThenLdb008FlagsThemAndUnboundedTextPasses() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                CREATE TABLE t (
                    a varchar(20),
                    b character varying(30),
                    c char(3),
                    d character,
                    e text,
                    f varchar,
                    g varchar(10)[]
                );
                ALTER TABLE users ADD COLUMN nickname varchar(40);
                """);

        assertThat(report.violations()).extracting(Violation::message).containsExactly(
                "column a of table t is varchar(20) where text would serve",
                "column b of table t is varchar(30) where text would serve",
                "column c of table t is char(3) where text would serve",
                "column d of table t is char(1) where text would serve",
                "column g of table t is varchar(10)[] where text would serve",
                "column nickname of table users is varchar(40) where text would serve");
    }

    @Test
    void whenNamesAreQuotedOrQualifiedThenTablesAreMatchedAsPostgresFoldsThem() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                CREATE TABLE "Things" (id uuid PRIMARY KEY);
                CREATE TABLE public.items (id uuid PRIMARY KEY);
                CREATE INDEX ON "Things" (id);
                CREATE INDEX ON ITEMS (id);
                CREATE INDEX ON things (id);
                """);

        assertThat(Lint.found(report)).containsExactly("LDB001@6");
    }

    @Test
    void whenANonTransactionalStatementIsAloneInItsMigrationThenLdb010LetsItPass() {
        assertThat(Lint.migration("CREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n").violations())
                .isEmpty();
        assertThat(Lint.migration("-- only comments beside it\nDROP INDEX CONCURRENTLY idx_old;\n").violations())
                .isEmpty();
        assertThat(Lint.migration("VACUUM ANALYZE users;\n").violations()).isEmpty();
    }

    @Test
    void whenANonTransactionalStatementSharesItsMigrationThenLdb010FlagsItNamingTheStatement() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                CREATE UNIQUE INDEX CONCURRENTLY idx_users_email ON users (email);
                REINDEX INDEX CONCURRENTLY idx_users_active_login;
                VACUUM users;
                CREATE DATABASE other;
                ALTER SYSTEM SET work_mem = '8MB';
                CREATE INDEX idx_roles_name ON roles (name);
                """);

        assertThat(Lint.found(report)).containsExactly("LDB010@2", "LDB010@3", "LDB010@4", "LDB010@5", "LDB010@6",
                "LDB001@7");
        assertThat(report.violations().getFirst().message()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY cannot run"
                + " inside a transaction block, but this file has 6 other statements, so Flyway cannot run the file"
                + " either way");
        assertThat(report.violations()).extracting(Violation::message).filteredOn(m -> m.contains("REINDEX"))
                .singleElement().asString().startsWith("REINDEX CONCURRENTLY cannot run");
    }

    @Test
    void whenAnUndoScriptUsesConcurrentlyThenLdb010FlagsItEvenAlone() {
        LintReport report = MigrationLinter.create().lintScript("U1__test.sql", "DROP INDEX CONCURRENTLY idx_x;\n");

        assertThat(Lint.found(report)).containsExactly("LDB010@1");
        assertThat(report.violations().getFirst().message()).isEqualTo("DROP INDEX CONCURRENTLY cannot run inside a"
                + " transaction block, and lumen-db's down runs undo scripts in one");
    }

    @Test
    void whenAReviewedMixIsSuppressedThenLdb010IsQuiet() {
        LintReport report = Lint.migration("""
                SET lock_timeout = '5s';
                -- lumen-lint:disable LDB010 this file runs with executeInTransaction=false and is re-runnable
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);
                """);

        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void whenAForeignKeyToAnExistingTableIsAddedWithoutLockTimeoutThenLdb006FlagsItAlsoFromANewTable() {
        LintReport toExisting = Lint.migration("""
                ALTER TABLE user_roles
                    ADD CONSTRAINT user_roles_granted_by_fk FOREIGN KEY (granted_by) REFERENCES users (id) NOT VALID;
                """);
        LintReport fromNew = Lint.migration("""
                CREATE TABLE invites (id uuid PRIMARY KEY, invited_by uuid NOT NULL);
                ALTER TABLE invites ADD CONSTRAINT invites_invited_by_fk FOREIGN KEY (invited_by) REFERENCES users (id);
                """);
        LintReport withinTheFile = Lint.migration("""
                CREATE TABLE teams (id uuid PRIMARY KEY);
                CREATE TABLE members (id uuid PRIMARY KEY, team_id uuid NOT NULL);
                ALTER TABLE members ADD CONSTRAINT members_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);
                """);
        LintReport withTimeout = Lint.migration("""
                SET lock_timeout = '5s';
                ALTER TABLE user_roles
                    ADD CONSTRAINT user_roles_granted_by_fk FOREIGN KEY (granted_by) REFERENCES users (id) NOT VALID;
                """);

        assertThat(Lint.found(toExisting)).containsExactly("LDB006@1");
        assertThat(toExisting.violations().getFirst().message()).isEqualTo("ALTER TABLE user_roles adds FOREIGN KEY"
                + " user_roles_granted_by_fk referencing existing table users, which locks both tables against writes"
                + " (SHARE ROW EXCLUSIVE), and no lock_timeout is set before it");
        assertThat(Lint.found(fromNew)).containsExactly("LDB006@2");
        assertThat(fromNew.violations().getFirst().message()).startsWith("ALTER TABLE invites adds FOREIGN KEY"
                + " invites_invited_by_fk referencing existing table users");
        assertThat(withinTheFile.violations()).isEmpty();
        assertThat(withTimeout.violations()).isEmpty();
    }
}
