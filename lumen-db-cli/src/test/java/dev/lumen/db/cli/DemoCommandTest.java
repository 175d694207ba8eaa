package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void whenTheDemoRunsThenEverySectionPrintsAndNoPostgresIsLeftRunning() throws Exception {
        // The demo runs on the packaged migrations, the users' own: what it applies comes from that folder.
        List<String> scripts = Cli.versionedScripts(Cli.MIGRATIONS);

        Cli.Result demo = Cli.runProcess(Map.of(), "demo");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains(
                "1. Database", "ready in",
                "2. Migrations", "applied " + scripts.size() + " migrations",
                "schema version " + Cli.versionOf(scripts.getLast()),
                "3. Seeding through the repositories", "welcome mails sent after commit: 60", "user rolled back (not stored)",
                "bulk-inserted with COPY",
                "4. Typed filters", "name contains \"%\" (literally)          -> 1: 100% rollout",
                "refused: Unknown sort key 'password_hash'",
                "5. Paging", "keyset: walked 5,005 features in 11 pages of 500", "5,005 distinct",
                "6. Users with their roles", "loaded 60 users with their roles in 1 statement",
                "7. A serializable transaction retried after a conflict", "lumen.db.transaction.retries = 1",
                "on call now: 1",
                "8. Health", "Status: UP",
                "9. Metrics", "p95", "select",
                "lumen.db.query  path", "  direct  ", "  jooq  ",
                "nothing is left running");
        assertThat(demo.err()).doesNotContain("Exception");
        assertThat(Cli.postgresProcesses("lumen-db-demo-")).as("demo servers left running").isEmpty();
    }
}
