package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;
import static dev.lumen.db.schema.Tables.ROLES;
import static dev.lumen.db.schema.Tables.USERS;
import static dev.lumen.db.schema.Tables.USER_ROLES;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestLumenDb;
import dev.lumen.db.test.TestDatabase;

/** Starting a LumenDb on a test database and emptying the seed tables. */
final class RepositoryTestSupport {

    private RepositoryTestSupport() {
    }

    static LumenDb start(TestDatabase database) {
        return TestLumenDb.start(database);
    }

    static void emptyTables(LumenDb db) {
        db.dsl().deleteFrom(USER_ROLES).execute();
        db.dsl().deleteFrom(USERS).execute();
        db.dsl().deleteFrom(ROLES).execute();
        db.dsl().deleteFrom(NEW_FEATURES).execute();
    }

    /** The value a call returned, or the class of the exception it threw: for comparing two paths' outcomes. */
    static @org.jspecify.annotations.Nullable Object outcome(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e.getClass();
        }
    }
}
