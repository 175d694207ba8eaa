package dev.lumen.db.core.security;

import static dev.lumen.db.core.fixture.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.PermissionDeniedException;
import dev.lumen.db.test.StandalonePostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Migrations run as the schema owner, the application as a role with DML rights only, set up exactly as the
 * README shows: the application can read and write rows but is refused DDL and TRUNCATE.
 */
class LeastPrivilegeTest {

    /** The README's setup, run as a superuser. */
    static final String SETUP = """
            CREATE ROLE lumen_owner LOGIN PASSWORD 'owner-secret';
            CREATE ROLE lumen_app LOGIN PASSWORD 'app-secret';
            CREATE DATABASE lumen OWNER lumen_owner;
            """;
    static final String SETUP_IN_DATABASE = """
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            ALTER SCHEMA public OWNER TO lumen_owner;
            GRANT USAGE ON SCHEMA public TO lumen_app;
            ALTER DEFAULT PRIVILEGES FOR ROLE lumen_owner IN SCHEMA public
                GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lumen_app;
            ALTER DEFAULT PRIVILEGES FOR ROLE lumen_owner IN SCHEMA public
                GRANT USAGE, SELECT ON SEQUENCES TO lumen_app;
            """;

    @Test
    void whenTheApplicationRunsAsADmlRoleThenRowsWorkAndDdlAndTruncateAreRefused() throws Exception {
        try (StandalonePostgres server = StandalonePostgres.start(true)) {
            try (Connection connection = server.superuser("postgres").getConnection();
                    Statement statement = connection.createStatement()) {
                // CREATE DATABASE cannot share a multi-statement string (an implicit transaction) with others.
                for (String sql : SETUP.split(";\\s*\\n")) {
                    statement.execute(sql);
                }
            }
            try (Connection connection = server.superuser("lumen").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute(SETUP_IN_DATABASE);
            }
            DatabaseConfig config = new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of(
                    "lumen.db.url", server.jdbcUrl("lumen"), "lumen.db.user", "lumen_app",
                    "lumen.db.password", "app-secret", "lumen.db.migrations.user", "lumen_owner",
                    "lumen.db.migrations.password", "owner-secret",
                    // core's fixture schema (4 migrations), not the users' packaged ones.
                    "lumen.db.migrations.locations", "classpath:fixtures/core")).load(Environment.TEST);
            assertThat(config.toString()).doesNotContain("owner-secret").doesNotContain("app-secret");

            try (LumenDb db = LumenDb.start(config, new SimpleMeterRegistry())) {
                assertThat(db.migrator().up().applied()).hasSize(4);
                assertThat(db.server().user()).isEqualTo("lumen_app");

                db.dsl().insertInto(ROLES).set(ROLES.NAME, "admin").execute();
                db.dsl().update(ROLES).set(ROLES.DESCRIPTION, "all").execute();
                assertThat(db.dsl().fetchCount(ROLES)).isEqualTo(1);
                db.dsl().deleteFrom(ROLES).execute();

                assertThatExceptionOfType(PermissionDeniedException.class)
                        .isThrownBy(() -> db.dsl().execute("CREATE TABLE sneaky (id int)"));
                assertThatExceptionOfType(PermissionDeniedException.class)
                        .isThrownBy(() -> db.dsl().truncate(ROLES).execute());
                assertThatExceptionOfType(PermissionDeniedException.class)
                        .isThrownBy(() -> db.dsl().alterTable(ROLES).addColumn("x", org.jooq.impl.SQLDataType.INTEGER)
                                .execute());
                assertThatExceptionOfType(PermissionDeniedException.class)
                        .isThrownBy(() -> db.dsl().dropTable(ROLES).execute())
                        .satisfies(e -> assertThat(e.sqlState()).isEqualTo("42501"));
                assertThat(db.dsl().fetchCount(ROLES)).isZero();
            }
        }
    }
}
