package dev.lumen.db.lint;

import java.util.List;

/**
 * One statement of a script, without its terminating semicolon.
 *
 * @param script the whole script's text, which the token offsets point into
 * @param tokens the statement's tokens, never empty
 * @param index  0-based position of the statement in its script
 */
record SqlStatement(String script, List<Token> tokens, int index) {

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
     * {@code COMMENT ON}, {@code CREATE UNIQUE INDEX}.
     *
     * @return up to three leading key words
     */
    String kind() {
        StringBuilder label = new StringBuilder();
        int words = 0;
        for (Token token : tokens) {
            if (token.kind() != Token.Kind.WORD || words == 3) {
                break;
            }
            if (words > 0) {
                label.append(' ');
            }
            label.append(token.upper());
            words++;
            boolean qualifier = token.is("CREATE") || token.is("ALTER") || token.is("DROP") || token.is("OR")
                    || token.is("REPLACE") || token.is("UNIQUE") || token.is("TEMP") || token.is("TEMPORARY")
                    || token.is("MATERIALIZED") || token.is("CONSTRAINT");
            if (!qualifier && words >= 2) {
                break;
            }
        }
        return label.isEmpty() ? tokens.getFirst().text() : label.toString();
    }
}
