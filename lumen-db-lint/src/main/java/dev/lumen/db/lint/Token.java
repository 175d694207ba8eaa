package dev.lumen.db.lint;

import java.util.Locale;

/**
 * One lexical token of a SQL script.
 *
 * @param kind  what the token is
 * @param text  the token's source text, quotes included
 * @param start offset of the first character in the script
 * @param end   offset after the last character
 * @param line  1-based line of the first character
 */
record Token(Kind kind, String text, int start, int end, int line) {

    /** Token kinds; comments and whitespace are not tokens. */
    enum Kind {
        /** An unquoted identifier or key word. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED_IDENTIFIER,
        /**
         * A string constant in single quotes, with an optional {@code E}, {@code B}, {@code X}, {@code N} or
         * {@code U&} prefix.
         */
        STRING,
        /** A dollar-quoted string ({@code $$...$$}, {@code $tag$...$tag$}). */
        DOLLAR_STRING,
        /** A numeric constant. */
        NUMBER,
        /** A positional parameter such as {@code $1}. */
        PARAMETER,
        /** Punctuation or an operator. */
        SYMBOL
    }

    /**
     * Whether this is an unquoted word equal to {@code keyword}, ignoring case.
     *
     * @param keyword upper-case key word
     * @return true for a match
     */
    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /**
     * Whether this is the punctuation or operator {@code symbol}.
     *
     * @param symbol for example {@code (} or {@code ,}
     * @return true for a match
     */
    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /**
     * Whether this token names something: an unquoted word or a quoted identifier.
     *
     * @return true for identifiers and key words
     */
    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /**
     * The text in upper case, for labels.
     *
     * @return upper-cased text
     */
    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
