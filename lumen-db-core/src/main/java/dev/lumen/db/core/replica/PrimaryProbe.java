package dev.lumen.db.core.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The lag probes' own connection to the primary (outside its pool, so a busy pool never delays a probe). */
final class PrimaryProbe implements AutoCloseable {

    private final DataSource source;
    private final Duration timeout;
    private @Nullable Connection connection;

    PrimaryProbe(DataSource source, Duration timeout) {
        this.source = source;
        this.timeout = timeout;
    }

    /** The primary's WAL position now, or -1 when it cannot be read (the primary is down or failing over). */
    synchronized long position() {
        try {
            if (connection == null) {
                Connection opened = source.getConnection();
                opened.setNetworkTimeout(Runnable::run, (int) timeout.toMillis());
                connection = opened;
            }
            return ReplicaQueries.primaryPosition(connection);
        } catch (SQLException | RuntimeException e) {
            close();
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                // Already broken.
            }
        }
    }
}
