package dev.lumen.db.core.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers migrations whose last attempt failed. PostgreSQL rolls a failed migration back completely, so
 * Flyway keeps no trace of it; this small table (created on the first failure only) lets {@code status} say
 * which migration failed and why.
 */
final class FailureLog {

    /** The bookkeeping table, beside Flyway's history and like it excluded from code generation. */
    static final String TABLE_NAME = "lumen_db_migration_failures";

    private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);
    private static final Table<?> TABLE = DSL.table(DSL.name(TABLE_NAME));
    private static final Field<String> VERSION = DSL.field(DSL.name("version"), SQLDataType.VARCHAR(50).nullable(false));
    private static final Field<String> SCRIPT = DSL.field(DSL.name("script"), SQLDataType.VARCHAR(1000).nullable(false));
    private static final Field<OffsetDateTime> FAILED_AT =
            DSL.field(DSL.name("failed_at"), SQLDataType.TIMESTAMPWITHTIMEZONE.nullable(false));
    private static final Field<String> MESSAGE = DSL.field(DSL.name("message"), SQLDataType.CLOB.nullable(false));

    private final DataSource dataSource;

    FailureLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a failed attempt; a failure to record is logged, never thrown over the migration's own error. */
    void record(String version, String script, String message) {
        try (Connection connection = dataSource.getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.createTableIfNotExists(TABLE)
                    .columns(VERSION, SCRIPT, FAILED_AT, MESSAGE)
                    .primaryKey(VERSION)
                    .execute();
            dsl.insertInto(TABLE)
                    .set(VERSION, version)
                    .set(SCRIPT, script)
                    .set(FAILED_AT, OffsetDateTime.now())
                    .set(MESSAGE, message)
                    .onConflict(VERSION)
                    .doUpdate()
                    .set(SCRIPT, script)
                    .set(FAILED_AT, OffsetDateTime.now())
                    .set(MESSAGE, message)
                    .execute();
        } catch (SQLException | DataAccessException e) {
            LOG.warn("Could not record the failure of migration {}: {}", script, e.getMessage());
        }
    }

    /** Failed attempts by version; empty when none was ever recorded. */
    Map<String, String> failures() {
        Map<String, String> failures = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            if (!exists(dsl)) {
                return failures;
            }
            for (Record3<String, OffsetDateTime, String> row : dsl.select(VERSION, FAILED_AT, MESSAGE).from(TABLE).fetch()) {
                failures.put(row.value1(), row.value3() + " (at " + row.value2() + ")");
            }
        } catch (SQLException | DataAccessException e) {
            LOG.warn("Could not read recorded migration failures: {}", e.getMessage());
        }
        return failures;
    }

    /** Forgets failures of versions that have since been applied. */
    void forget(Iterable<String> appliedVersions) {
        try (Connection connection = dataSource.getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            if (exists(dsl)) {
                for (String version : appliedVersions) {
                    dsl.deleteFrom(TABLE).where(VERSION.eq(version)).execute();
                }
            }
        } catch (SQLException | DataAccessException e) {
            LOG.warn("Could not clear recorded migration failures: {}", e.getMessage());
        }
    }

    private static boolean exists(DSLContext dsl) {
        Name regclass = DSL.name("to_regclass");
        return dsl.select(DSL.function(regclass, SQLDataType.VARCHAR, DSL.val(TABLE_NAME)).isNotNull()).fetchOne(0,
                Boolean.class);
    }
}
