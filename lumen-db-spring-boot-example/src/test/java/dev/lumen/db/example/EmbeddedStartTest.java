package dev.lumen.db.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.schema.tables.pojos.Role;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the README's command starts: with no {@code lumen.db.url} the example brings its own embedded PostgreSQL,
 * lumen-db migrates it at start-up, and closing the application stops it.
 */
class EmbeddedStartTest {

    @Test
    void whenNoUrlIsConfiguredThenTheExampleRunsOnItsOwnEmbeddedDatabase() {
        int port;
        try (ConfigurableApplicationContext context = ExampleApplication.start("--server.port=0")) {
            LumenDb db = context.getBean(LumenDb.class);
            port = Integer.parseInt(db.config().connection().url().replaceAll(".*:(\\d+)/.*", "$1"));
            Role role = context.getBean(RoleService.class).create("embedded", "stored in the example's own server");

            assertThat(db.server().database()).isEqualTo("postgres");
            assertThat(context.getBean(RoleService.class).list(10)).extracting(Role::name).contains(role.name());
            assertThat(db.migrator().status().pending()).isEmpty();
        }
        // Stopped with the application: nothing listens on its port any more.
        assertThat(port).isPositive();
        assertThat(portOpen(port)).isFalse();
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
