package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration edited after it was applied is named wherever a user looks: {@code up} refuses naming the file,
 * {@code status} marks and names it, {@code health} is DEGRADED naming it.
 */
class EditedMigrationTest {

    @TempDir
    Path folder;

    @Test
    void whenAnAppliedMigrationIsEditedThenUpStatusAndHealthNameTheFile() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_parcels.sql"), "CREATE TABLE parcels (id bigint PRIMARY KEY);\n");
        String[] where = {"--data-dir", folder.resolve("db").toString(), "--migrations", migrations.toString()};
        Cli.Result first = Cli.run(Cli.concat(new String[] {"migrate", "up"}, where));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Cli.Result again = Cli.run(Cli.concat(new String[] {"migrate", "up"}, where));
        assertThat(again.out()).contains("Nothing to apply: the schema is at version 1.").doesNotContain("(empty)");

        Files.writeString(migrations.resolve("V1__create_parcels.sql"),
                "CREATE TABLE parcels (id bigint PRIMARY KEY, weight int);\n");

        Cli.Result up = Cli.run(Cli.concat(new String[] {"migrate", "up"}, where));
        assertThat(up.exitCode()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(up.errLines()).singleElement().asString()
                .contains("V1__create_parcels.sql", "checksum", "Revert the edited scripts, or run repair");
        Cli.Result status = Cli.run(Cli.concat(new String[] {"migrate", "status"}, where));
        assertThat(status.out()).containsPattern("(?m)^\\s*1 +create parcels +edited ")
                .contains("Edited after it was applied: V1__create_parcels.sql");
        Cli.Result health = Cli.run(Cli.concat(new String[] {"health"}, where));
        assertThat(health.exitCode()).isEqualTo(ExitCodes.DEGRADED);
        assertThat(health.out()).contains("Status: DEGRADED", "! edited migration: V1__create_parcels.sql");
    }
}
