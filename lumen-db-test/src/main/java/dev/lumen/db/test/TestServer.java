package dev.lumen.db.test;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The PostgreSQL server the tests of one JVM share. */
interface TestServer extends AutoCloseable {

    /** Connections to a maintenance database, as a user allowed to create databases. */
    DataSource admin();

    /** Connections to database {@code name}. */
    DataSource database(String name);

    /** JDBC URL of database {@code name}, without credentials. */
    String jdbcUrl(String name);

    /** The user tests connect as. */
    String user();

    /** That user's password, or {@code null}. */
    @Nullable String password();

    /** What this server is, for the log. */
    String description();

    @Override
    void close();
}
