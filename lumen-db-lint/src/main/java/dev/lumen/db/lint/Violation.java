package dev.lumen.db.lint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One broken rule.
 *
 * @param ruleId  the rule's id, for example {@code LDB001}
 * @param file    the migration file
 * @param line    1-based line where the offending statement starts (1 for file-level findings)
 * @param message what is wrong in this statement, naming tables and columns
 * @param why     why it hurts (the rule's reason)
 * @param fix     what to do instead (the rule's fix)
 */
public record Violation(String ruleId, Path file, int line, String message, String why, String fix) {

    /** Checks the values. */
    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }

    /**
     * Creates a violation of a rule, with the rule's reason and fix.
     *
     * @param rule    the rule
     * @param file    the file
     * @param line    the line
     * @param message what is wrong
     * @return the violation
     */
    static Violation of(Rule rule, Path file, int line, String message) {
        return new Violation(rule.id(), file, line, message, rule.why(), rule.fix());
    }

    /**
     * The violation as one line in the compiler style that IDEs and CI logs link:
     * {@code file:line: LDB001 message (fix: ...)}.
     *
     * @return the formatted line
     */
    public String format() {
        return file + ":" + line + ": " + ruleId + " " + message + " (fix: " + fix + ")";
    }
}
