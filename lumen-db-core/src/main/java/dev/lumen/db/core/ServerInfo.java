package dev.lumen.db.core;

/**
 * The server lumen-db connected to.
 *
 * @param versionNumber {@code server_version_num}, for example 180001
 * @param version       {@code version()}, the full banner
 * @param database      the current database
 * @param user          the current user
 */
public record ServerInfo(int versionNumber, String version, String database, String user) {

    /** Oldest supported major version: {@code gen_random_uuid()} and {@code DROP DATABASE ... WITH (FORCE)} need 13. */
    public static final int MINIMUM_VERSION_NUMBER = 130000;

    /**
     * The major version.
     *
     * @return for example 18
     */
    public int majorVersion() {
        return versionNumber / 10000;
    }
}
