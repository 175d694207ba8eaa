package dev.lumen.db.lint;

import java.util.List;
import java.util.Set;

/**
 * One statement of a script, without its terminating semicolon.
 *
 * @param script the whole script's text, which the token offsets point into
 * @param tokens the statement's tokens, never empty
 * @param index  0-based position of the statement in its script
 */
record SqlStatement(String script, List<Token> tokens, int index) {

    /** Statements whose label names the kind of object: {@code CREATE TABLE}, {@code DROP INDEX}. */
    private static final Set<String> OBJECT_VERBS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "INSERT",
            "REINDEX", "REFRESH", "GRANT", "REVOKE");

    /** Words that come before the kind of object: {@code CREATE OR REPLACE FUNCTION}, {@code CREATE UNIQUE INDEX}. */
    private static final Set<String> QUALIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY",
            "MATERIALIZED", "CONSTRAINT", "UNLOGGED", "GLOBAL", "LOCAL", "RECURSIVE");

    /** Freezes the token list. */
    SqlStatement {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("A statement has at least one token");
        }
    }

    /**
     * The line the statement starts on.
     *
     * @return 1-based line of the first token
     */
    int line() {
        return tokens.getFirst().line();
    }

    /**
     * Offset of the statement's first character in the script.
     *
     * @return start offset
     */
    int start() {
        return tokens.getFirst().start();
    }

    /**
     * Offset after the statement's last character in the script.
     *
     * @return end offset
     */
    int end() {
        return tokens.getLast().end();
    }

    /**
     * The statement's source text, comments inside it included.
     *
     * @return the text from the first to the last token
     */
    String text() {
        return script.substring(start(), end());
    }

    /**
     * A short upper-case label of what the statement is, for reports: {@code CREATE FUNCTION},
     * {@code COMMENT ON}, {@code CREATE UNIQUE INDEX}, {@code VACUUM}. Only statements about a kind of object
     * ({@code CREATE}, {@code ALTER}, {@code DROP}, ...) get more than their first key word, so that names of
     * tables or parameters never appear in upper case.
     *
     * @return up to four leading key words
     */
    String kind() {
        Token first = tokens.getFirst();
        if (first.kind() != Token.Kind.WORD) {
            return first.text();
        }
        StringBuilder label = new StringBuilder(first.upper());
        if (!OBJECT_VERBS.contains(label.toString())) {
            return label.toString();
        }
        for (int i = 1; i < tokens.size() && i < 4; i++) {
            Token token = tokens.get(i);
            if (token.kind() != Token.Kind.WORD) {
                break;
            }
            label.append(' ').append(token.upper());
            if (!QUALIFIERS.contains(token.upper())) {
                break;
            }
        }
        return label.toString();
    }

    /**
     * Whether the statement is a {@code SET} or {@code RESET} of a parameter, judged on its tokens. Used only for
     * statements jOOQ could not parse, to forget a {@code lock_timeout} they may have changed.
     *
     * @param parameter the parameter's name, lower case
     * @return true for {@code SET [LOCAL] parameter ...}, {@code RESET parameter} and {@code RESET ALL}
     */
    boolean setsParameter(String parameter) {
        Token first = tokens.getFirst();
        if (!first.is("SET") && !first.is("RESET")) {
            return false;
        }
        if (first.is("RESET") && tokens.size() > 1 && tokens.get(1).is("ALL")) {
            return true;
        }
        return tokens.stream().skip(1).limit(2).anyMatch(token -> token.isIdentifier()
                && token.text().replace("\"", "").equalsIgnoreCase(parameter));
    }
}
