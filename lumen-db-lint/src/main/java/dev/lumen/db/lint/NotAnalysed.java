package dev.lumen.db.lint;

import java.nio.file.Path;

/**
 * A statement (or one action of it) that jOOQ's parser could not parse, so no rule could judge it. Such
 * statements never fail a lint run; they are listed so nobody mistakes "no violation" for "checked".
 *
 * @param file   the migration file
 * @param line   1-based line where the statement starts
 * @param kind   what the statement is, for example {@code CREATE TRIGGER}
 * @param reason why it could not be analysed
 */
public record NotAnalysed(Path file, int line, String kind, String reason) {

    /**
     * One line for logs: {@code file:line: CREATE TRIGGER not analysed (reason)}.
     *
     * @return the formatted line
     */
    public String format() {
        return file + ":" + line + ": " + kind + " not analysed (" + reason + ")";
    }
}
