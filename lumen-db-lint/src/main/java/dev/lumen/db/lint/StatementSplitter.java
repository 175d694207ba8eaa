package dev.lumen.db.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a lexed script into statements at semicolons outside parentheses and brackets, as psql does. Semicolons
 * inside strings, quoted identifiers, dollar-quoted bodies and comments never reach this class: the lexer keeps
 * them inside their tokens.
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * Splits a script into statements; empty statements ({@code ;;}) are dropped.
     *
     * @param script the lexed script
     * @return the statements in source order
     */
    static List<SqlStatement> split(SqlLexer.Result script) {
        List<SqlStatement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : script.tokens()) {
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth = Math.max(0, depth - 1);
            } else if (token.isSymbol(";") && depth == 0) {
                if (!current.isEmpty()) {
                    statements.add(new SqlStatement(script.text(), current, statements.size()));
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            statements.add(new SqlStatement(script.text(), current, statements.size()));
        }
        return statements;
    }
}
