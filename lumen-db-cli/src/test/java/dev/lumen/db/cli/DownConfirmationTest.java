package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate down} on anything but the embedded development database asks first: here a real server reached
 * by {@code --url} (the test database), from a process without a terminal, as in CI or a pipe.
 */
@LumenDbTest(migrated = false)
class DownConfirmationTest {

    private static String[] args(TestDatabase db, String... command) {
        String[] connection = {"--url", db.jdbcUrl(), "--user", db.user(), "--migrations", Cli.FIXTURE.toString()};
        String[] all = new String[command.length + connection.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(connection, 0, all, command.length, connection.length);
        return all;
    }

    @Test
    void whenThereIsNoTerminalAndNoYesThenDownRefusesInOneLineAndRevertsNothing(TestDatabase db) throws Exception {
        assertThat(Cli.run(args(db, "migrate", "up")).exitCode()).isZero();

        Cli.Result inProcess = Cli.run(args(db, "migrate", "down", "1"));
        Cli.Result child = Cli.runProcess(Map.of(), args(db, "migrate", "down", "2"));

        for (Cli.Result refused : new Cli.Result[] {inProcess, child}) {
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.errLines()).singleElement().asString()
                    .startsWith("lumen-db: migrate down on " + db.jdbcUrl() + " as " + db.user())
                    .endsWith("needs confirmation and there is no terminal to ask on: rerun with --yes.");
            assertThat(refused.out()).doesNotContain("Reverted");
        }
        assertThat(Cli.run(args(db, "migrate", "status")).out()).contains("Current version: 3; 0 pending");

        Cli.Result confirmed = Cli.run(args(db, "migrate", "down", "1", "--yes"));
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("Reverted V3__add_account_notes.sql", "Schema version is now 2.");
        assertThat(Cli.run(args(db, "migrate", "down", "-y")).out()).contains("Reverted V2__create_transfers.sql");
    }

    @Test
    void whenAskedThenOnlyYesOrYRevert() {
        assertThat(answer("y\n")).isTrue();
        assertThat(answer(" YES \n")).isTrue();
        assertThat(answer("\n")).as("empty line: the default is no").isFalse();
        assertThat(answer("no\n")).isFalse();
        assertThat(answer("yess\n")).isFalse();
        assertThat(answer("")).as("end of input").isFalse();

        StringWriter prompt = new StringWriter();
        Confirmation.ask("Revert the newest migration on x?",
                new Confirmation.Terminal(new BufferedReader(new StringReader("n\n")), new PrintWriter(prompt)));
        assertThat(prompt.toString()).isEqualTo("Revert the newest migration on x? [y/N] ");
    }

    private static boolean answer(String typed) {
        return Confirmation.ask("Revert?", new Confirmation.Terminal(new BufferedReader(new StringReader(typed)),
                new PrintWriter(new StringWriter())));
    }
}
