package dev.lumen.db.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A yes/no question asked on the user's terminal before a command that destroys data (reverting migrations on a
 * real server). Without a terminal nobody can answer, so the caller must refuse rather than guess.
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * The terminal to ask on: the console when both standard input and output are a terminal, else {@code null}.
     * JDK 22+ hands out a console even when the streams are redirected and says so with {@code isTerminal()}, which
     * lumen-db (built for 21) looks up at run time.
     *
     * @return the terminal's reader and writer, or {@code null} when there is no terminal
     */
    static @Nullable Terminal terminal() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            if (!(Boolean) isTerminal.invoke(console)) {
                return null;
            }
        } catch (NoSuchMethodException e) {
            // JDK 21: a console exists only for a terminal.
        } catch (ReflectiveOperationException e) {
            return null;
        }
        return new Terminal(new BufferedReader(console.reader()), console.writer());
    }

    /**
     * Asks the question and reads one line: only {@code y} or {@code yes} (any case) is a yes; an empty line, any
     * other answer or the end of input is a no.
     *
     * @param question the question, without the {@code [y/N]} suffix
     * @param terminal where to ask
     * @return whether the user said yes
     */
    static boolean ask(String question, Terminal terminal) {
        terminal.out().print(question + " [y/N] ");
        terminal.out().flush();
        try {
            String answer = terminal.in().readLine();
            return answer != null && switch (answer.strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes" -> true;
                default -> false;
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A terminal's input and output.
     *
     * @param in  what the user types
     * @param out where the question goes
     */
    record Terminal(BufferedReader in, PrintWriter out) {
    }
}
