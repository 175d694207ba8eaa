package dev.lumen.db.core.migrate;

import dev.lumen.db.core.config.MigrationConfig;
import dev.lumen.db.core.error.LockTimeoutException;
import dev.lumen.db.core.error.MigrationException;
import dev.lumen.db.core.error.SqlStateTranslator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code down(n)}: runs the undo scripts of the newest {@code n} migrations, newest first, and deletes their
 * history rows, in one transaction under an advisory lock and an exclusive lock on the history. Before anything
 * runs it refuses when a script is missing or contains transaction control (a {@code COMMIT} in an undo script
 * would commit half the revert); a lock wait past {@code lock-attempt} rolls the whole revert back and retries it.
 */
final class Downgrade {

    /** Advisory lock key shared by every lumen-db {@code down}: "lumendb" in ASCII. */
    private static final long DOWN_LOCK_KEY = 0x6c756d656e6462L;

    private static final Table<?> HISTORY = DSL.table(DSL.name(Migrator.HISTORY_TABLE));
    private static final Field<Integer> RANK = DSL.field(DSL.name("installed_rank"), SQLDataType.INTEGER);
    private static final Field<String> VERSION = DSL.field(DSL.name("version"), SQLDataType.VARCHAR);
    private static final Field<String> SCRIPT = DSL.field(DSL.name("script"), SQLDataType.VARCHAR);
    private static final Field<String> TYPE = DSL.field(DSL.name("type"), SQLDataType.VARCHAR);
    private static final Field<Boolean> SUCCESS = DSL.field(DSL.name("success"), SQLDataType.BOOLEAN);
    private static final Field<String> TRANSACTION_ID =
            DSL.function(DSL.name("txid_current"), SQLDataType.BIGINT).cast(SQLDataType.VARCHAR);

    private final MigrationConfig config;
    private final DataSource dataSource;
    private final UndoScripts undoScripts;

    Downgrade(MigrationConfig config, DataSource dataSource, UndoScripts undoScripts) {
        this.config = config;
        this.dataSource = dataSource;
        this.undoScripts = undoScripts;
    }

    DownResult run(int count) {
        if (count < 1) {
            throw new MigrationException("down needs a count of at least 1, got " + count);
        }
        LockRetry retry = new LockRetry(config.lockTimeout());
        while (true) {
            try {
                return attempt(count);
            } catch (LockTimeoutException e) {
                if (!retry.pauseBeforeRetry()) {
                    throw new MigrationException("down failed: " + e.getMessage() + "; gave up after "
                            + retry.summary() + "; nothing was changed");
                }
            }
        }
    }

    private DownResult attempt(int count) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DownResult result = revert(connection, DSL.using(connection, SQLDialect.POSTGRES), count);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | DataAccessException e) {
            if (SqlStateTranslator.translate(e) instanceof LockTimeoutException lockTimeout) {
                throw lockTimeout;
            }
            throw new MigrationException("down failed: " + SqlStateTranslator.translate(e).getMessage());
        }
    }

    private DownResult revert(Connection connection, DSLContext dsl, int count) throws SQLException {
        dsl.select(DSL.function(DSL.name("pg_advisory_xact_lock"), SQLDataType.OTHER, DSL.val(DOWN_LOCK_KEY))).fetch();
        if (!historyExists(dsl)) {
            throw new MigrationException("Nothing to revert: no migration has been applied");
        }
        dsl.query("LOCK TABLE {0} IN EXCLUSIVE MODE", HISTORY).execute();
        List<Record4<Integer, String, String, String>> rows = dsl.select(RANK, VERSION, SCRIPT, TYPE)
                .from(HISTORY)
                .where(SUCCESS.isTrue())
                .and(VERSION.isNotNull())
                .orderBy(RANK.desc())
                .limit(count)
                .fetch();
        if (rows.size() < count) {
            throw new MigrationException("Cannot revert " + count + " migrations: only " + rows.size() + " are applied");
        }
        List<String> undoTexts = scripts(rows);
        String transaction = dsl.select(TRANSACTION_ID).fetchOne(0, String.class);
        List<String> undone = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Record4<Integer, String, String, String> row = rows.get(i);
            String undoName = UndoScripts.nameFor(row.value3()).orElseThrow();
            try (Statement statement = connection.createStatement()) {
                statement.execute(undoTexts.get(i));
            } catch (SQLException e) {
                if (SqlStateTranslator.translate(e) instanceof LockTimeoutException lockTimeout) {
                    throw lockTimeout;
                }
                throw new MigrationException("Undo script " + undoName + " failed: "
                        + SqlStateTranslator.translate(e).getMessage() + "; nothing was changed", row.value2(), undoName,
                        null);
            }
            // Belt and braces behind the check in scripts(): the revert must still be one transaction.
            if (!transaction.equals(dsl.select(TRANSACTION_ID).fetchOne(0, String.class))) {
                throw new MigrationException("Undo script " + undoName + " ended lumen-db's transaction: the schema may"
                        + " be partly reverted while the history still lists the migration; check it by hand",
                        row.value2(), undoName, null);
            }
            dsl.deleteFrom(HISTORY).where(RANK.eq(row.value1())).execute();
            undone.add(row.value3());
        }
        String current = dsl.select(VERSION)
                .from(HISTORY)
                .where(SUCCESS.isTrue())
                .and(VERSION.isNotNull())
                .orderBy(RANK.desc())
                .limit(1)
                .fetchOptional(VERSION)
                .orElse(null);
        return new DownResult(undone, current);
    }

    /** Every undo script's text, or a refusal before anything ran: a script is missing or controls transactions. */
    private List<String> scripts(List<Record4<Integer, String, String, String>> rows) {
        List<String> missing = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Record4<Integer, String, String, String> row : rows) {
            if (!"SQL".equals(row.value4())) {
                throw new MigrationException("Cannot revert " + row.value3() + ": it is a " + row.value4()
                        + " entry, not a SQL migration", row.value2(), row.value3(), null);
            }
            String undoName = UndoScripts.nameFor(row.value3()).orElse(row.value3());
            Optional<String> text = undoScripts.find(row.value3());
            if (text.isEmpty()) {
                missing.add(undoName);
                continue;
            }
            Optional<TransactionControl.Found> control = TransactionControl.find(text.get());
            if (control.isPresent()) {
                throw new MigrationException("Refusing to revert: " + undoName + " line " + control.get().line()
                        + " has " + control.get().keyword() + "; undo scripts run inside one transaction with the"
                        + " history update, and transaction control would commit part of the revert. Remove"
                        + " BEGIN/COMMIT/ROLLBACK/SAVEPOINT from it; nothing was changed", row.value2(), undoName, null);
            }
            texts.add(text.get());
        }
        if (!missing.isEmpty()) {
            throw new MigrationException("Refusing to revert: no undo script " + String.join(", ", missing)
                    + " in " + String.join(", ", config.locations()) + "; nothing was changed");
        }
        return texts;
    }

    private static boolean historyExists(DSLContext dsl) {
        return Boolean.TRUE.equals(dsl.select(DSL.function(DSL.name("to_regclass"), SQLDataType.VARCHAR,
                DSL.val(Migrator.HISTORY_TABLE)).isNotNull()).fetchOne(0, Boolean.class));
    }
}
