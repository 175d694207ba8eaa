package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL source text into tokens and comments, following PostgreSQL's lexical rules: string constants
 * (with {@code ''} and, after {@code E}, backslash escapes), quoted identifiers, dollar quoting ({@code $$} and
 * {@code $tag$}), line comments and nested block comments. An unterminated quote or comment runs to the end of
 * the text, as it would in PostgreSQL.
 */
final class SqlLexer {

    /** Characters PostgreSQL allows in operators. */
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private final List<SqlComment> comments = new ArrayList<>();
    private int position;
    private int line = 1;

    private SqlLexer(String text) {
        this.text = text;
    }

    /**
     * The tokens and comments of a script.
     *
     * @param text     the script
     * @param tokens   tokens in source order
     * @param comments comments in source order
     */
    record Result(String text, List<Token> tokens, List<SqlComment> comments) {

        /** Freezes the lists. */
        Result {
            tokens = List.copyOf(tokens);
            comments = List.copyOf(comments);
        }
    }

    /**
     * Lexes a script.
     *
     * @param text the SQL text
     * @return its tokens and comments
     */
    static Result lex(String text) {
        SqlLexer lexer = new SqlLexer(text);
        lexer.run();
        return new Result(text, lexer.tokens, lexer.comments);
    }

    private void run() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\n') {
                line++;
                position++;
            } else if (Character.isWhitespace(c)) {
                position++;
            } else if (startsWith("--")) {
                lineComment();
            } else if (startsWith("/*")) {
                blockComment();
            } else if (c == '\'') {
                quoted(Token.Kind.STRING, position, '\'', false);
            } else if (c == '"') {
                quoted(Token.Kind.QUOTED_IDENTIFIER, position, '"', false);
            } else if (c == '$') {
                dollar();
            } else if (isIdentifierStart(c)) {
                word();
            } else if (Character.isDigit(c) || (c == '.' && position + 1 < text.length()
                    && Character.isDigit(text.charAt(position + 1)))) {
                number();
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                operator();
            } else if (startsWith("::")) {
                emit(Token.Kind.SYMBOL, position, position + 2, line);
            } else {
                emit(Token.Kind.SYMBOL, position, position + 1, line);
            }
        }
    }

    private void lineComment() {
        int start = position;
        int end = text.indexOf('\n', position);
        position = end < 0 ? text.length() : end;
        comments.add(new SqlComment(text.substring(start + 2, position), start, line));
    }

    private void blockComment() {
        int start = position;
        int startLine = line;
        int depth = 0;
        while (position < text.length()) {
            if (startsWith("/*")) {
                depth++;
                position += 2;
            } else if (startsWith("*/")) {
                depth--;
                position += 2;
                if (depth == 0) {
                    comments.add(new SqlComment(text.substring(start + 2, position - 2), start, startLine));
                    return;
                }
            } else {
                advance();
            }
        }
        comments.add(new SqlComment(text.substring(start + 2), start, startLine));
    }

    /** A quoted string or identifier starting at {@code position}; {@code tokenStart} includes any prefix. */
    private void quoted(Token.Kind kind, int tokenStart, char quote, boolean backslashEscapes) {
        int startLine = line;
        position++;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (backslashEscapes && c == '\\' && position + 1 < text.length()) {
                position++;
                advance();
            } else if (c == quote) {
                position++;
                if (position < text.length() && text.charAt(position) == quote) {
                    position++;
                } else {
                    break;
                }
            } else {
                advance();
            }
        }
        tokens.add(new Token(kind, text.substring(tokenStart, position), tokenStart, position, startLine));
    }

    private void dollar() {
        int start = position;
        int tagEnd = position + 1;
        if (tagEnd < text.length() && Character.isDigit(text.charAt(tagEnd))) {
            while (tagEnd < text.length() && Character.isDigit(text.charAt(tagEnd))) {
                tagEnd++;
            }
            emit(Token.Kind.PARAMETER, start, tagEnd, line);
            return;
        }
        if (tagEnd < text.length() && isIdentifierStart(text.charAt(tagEnd))) {
            while (tagEnd < text.length() && isTagPart(text.charAt(tagEnd))) {
                tagEnd++;
            }
        }
        if (tagEnd >= text.length() || text.charAt(tagEnd) != '$') {
            emit(Token.Kind.SYMBOL, start, start + 1, line);
            return;
        }
        String delimiter = text.substring(start, tagEnd + 1);
        int startLine = line;
        int close = text.indexOf(delimiter, tagEnd + 1);
        int end = close < 0 ? text.length() : close + delimiter.length();
        while (position < end) {
            advance();
        }
        tokens.add(new Token(Token.Kind.DOLLAR_STRING, text.substring(start, end), start, end, startLine));
    }

    private void word() {
        int start = position;
        while (position < text.length() && isIdentifierPart(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        if (position < text.length() && text.charAt(position) == '\'' && isStringPrefix(word)) {
            quoted(Token.Kind.STRING, start, '\'', word.equalsIgnoreCase("E"));
        } else if (word.equalsIgnoreCase("U") && startsWith("&'")) {
            position++;
            quoted(Token.Kind.STRING, start, '\'', false);
        } else if (word.equalsIgnoreCase("U") && startsWith("&\"")) {
            position++;
            quoted(Token.Kind.QUOTED_IDENTIFIER, start, '"', false);
        } else {
            tokens.add(new Token(Token.Kind.WORD, word, start, position, line));
        }
    }

    private void number() {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            boolean exponentSign = (c == '+' || c == '-') && position > start
                    && (text.charAt(position - 1) == 'e' || text.charAt(position - 1) == 'E');
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                position++;
            } else {
                break;
            }
        }
        emit(Token.Kind.NUMBER, start, position, line);
    }

    /** An operator ends before a comment start, as in PostgreSQL. */
    private void operator() {
        int start = position;
        while (position < text.length() && OPERATOR_CHARS.indexOf(text.charAt(position)) >= 0
                && !(position > start && (startsWith("--") || startsWith("/*")))) {
            position++;
        }
        tokens.add(new Token(Token.Kind.SYMBOL, text.substring(start, position), start, position, line));
    }

    private void emit(Token.Kind kind, int start, int end, int tokenLine) {
        tokens.add(new Token(kind, text.substring(start, end), start, end, tokenLine));
        position = end;
    }

    private void advance() {
        if (text.charAt(position) == '\n') {
            line++;
        }
        position++;
    }

    private boolean startsWith(String prefix) {
        return text.startsWith(prefix, position);
    }

    private static boolean isStringPrefix(String word) {
        return word.length() == 1 && "EeBbXxNn".indexOf(word.charAt(0)) >= 0;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }

    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c);
    }
}
