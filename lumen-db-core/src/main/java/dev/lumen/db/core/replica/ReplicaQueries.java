package dev.lumen.db.core.replica;

import dev.lumen.db.core.tx.WalPositions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The fixed statements of replica routing: WAL positions, recovery state, and the primary's replication list. */
final class ReplicaQueries {

    private ReplicaQueries() {
    }

    /**
     * What a standby reports.
     *
     * @param inRecovery whether it is (still) a standby
     * @param replayed   its replay position; 0 when it is no standby
     */
    record Replay(boolean inRecovery, long replayed) {
    }

    static long primaryPosition(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_current_wal_lsn()::text");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return WalPositions.parse(rows.getString(1));
        }
    }

    static Replay replay(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new Replay(rows.getBoolean(1), WalPositions.parse(rows.getString(2)));
        }
    }

    static long replayed(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_last_wal_replay_lsn()::text");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return WalPositions.parse(rows.getString(1));
        }
    }

    /**
     * JDBC URLs (same database) of every standby streaming from this primary: {@code application_name} when it is
     * {@code host:port}, else the standby's address with the primary's own port.
     */
    static List<String> streamingStandbys(Connection connection) throws SQLException {
        int primaryPort;
        String database;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT current_setting('port')::int, current_database()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            primaryPort = rows.getInt(1);
            database = rows.getString(2);
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT application_name, host(client_addr) FROM pg_stat_replication"
                        + " WHERE state IN ('streaming', 'catchup') ORDER BY application_name");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                String address = rows.getString(2);
                String hostPort = null;
                if (name != null && name.matches("[A-Za-z0-9._-]+:\\d{1,5}")) {
                    hostPort = name;
                } else if (address != null) {
                    hostPort = (address.contains(":") ? "[" + address + "]" : address) + ":" + primaryPort;
                }
                if (hostPort != null) {
                    found.add("jdbc:postgresql://" + hostPort + "/"
                            + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return found;
    }
}
