package dev.lumen.db.core.migrate;

import dev.lumen.db.core.config.MigrationConfig;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * Sets each migration's {@code lock_timeout} before it runs: the short {@code lock-attempt} for migrations Flyway
 * runs in a transaction (they are rolled back and retried), the whole {@code lock-timeout} for those it cannot
 * (for example {@code CREATE INDEX CONCURRENTLY}, which waits for older transactions and cannot be retried once
 * it has started).
 */
final class LockTimeouts implements Callback {

    private final MigrationConfig config;

    LockTimeouts(MigrationConfig config) {
        this.config = config;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        long millis = config.lockTimeout().isZero() ? 0
                : inTransaction(context.getMigrationInfo()) ? config.lockAttempt().toMillis()
                : config.lockTimeout().toMillis();
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(String.format(Locale.ROOT, "SET lock_timeout = %d", millis));
        } catch (SQLException e) {
            throw new FlywayException("Could not set lock_timeout: " + e.getMessage(), e);
        }
    }

    static boolean inTransaction(MigrationInfo info) {
        return !(info instanceof MigrationInfoImpl impl) || impl.getResolvedMigration() == null
                || impl.getResolvedMigration().getExecutor() == null
                || impl.getResolvedMigration().getExecutor().canExecuteInTransaction();
    }

    @Override
    public String getCallbackName() {
        return "lumen-db lock timeouts";
    }
}
