package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.ReplicationUnconfirmedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Locale;

/**
 * PostgreSQL commits locally first and then waits for the synchronous standbys; a cancelled wait (a cancel
 * request, {@code pg_cancel_backend}) returns COMMIT as a success with only a WARNING
 * ("canceling wait for synchronous replication ... The transaction has already committed locally, but might not
 * have been replicated to the standby"). pgjdbc hands that warning to the connection; this turns it into
 * {@link ReplicationUnconfirmedException}. The server's messages are matched in English ({@code lc_messages=C}
 * or {@code en_*}).
 */
final class SyncReplicationWarnings {

    private SyncReplicationWarnings() {
    }

    static void check(Connection connection) {
        SQLWarning warning;
        try {
            warning = connection.getWarnings();
        } catch (SQLException e) {
            return;
        }
        for (SQLWarning current = warning; current != null; current = current.getNextWarning()) {
            String message = String.valueOf(current.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("wait for synchronous replication")) {
                throw new ReplicationUnconfirmedException("Committed on the primary, but the wait for synchronous"
                        + " replication was cancelled: the standbys may not have this transaction, and a failover now"
                        + " would lose it", current.getSQLState(), null);
            }
        }
    }
}
