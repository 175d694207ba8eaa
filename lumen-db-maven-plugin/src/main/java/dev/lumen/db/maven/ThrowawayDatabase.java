package dev.lumen.db.maven;

import javax.sql.DataSource;

/**
 * A PostgreSQL database that exists only for one code generation run. Closing it stops the server or drops
 * the database; {@link #close()} never throws, so it is safe on every failure path.
 */
interface ThrowawayDatabase extends AutoCloseable {

    /**
     * Connections to the database, as its owner.
     *
     * @return a data source
     */
    DataSource dataSource();

    /**
     * What this database is, for the build log (no secrets).
     *
     * @return a short description
     */
    String description();

    @Override
    void close();

    /**
     * Opens a throwaway database from the configured provider.
     *
     * @param settings generator settings
     * @param log      build log
     * @return the running database
     */
    static ThrowawayDatabase open(GeneratorSettings settings, BuildLog log) {
        return switch (settings.provider()) {
            case EMBEDDED -> EmbeddedDatabase.start(settings.workDirectory(), log);
            case TESTCONTAINERS -> ContainerDatabase.start(settings.image(), log);
            case URL -> ServerDatabase.create(settings, log);
        };
    }
}
