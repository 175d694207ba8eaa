package dev.lumen.db.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<SqlStatement> split(String sql) {
        return StatementSplitter.split(SqlLexer.lex(sql));
    }

    @Test
    void whenSemicolonsSitInStringsCommentsQuotedNamesAndDollarQuotesThenTheyDoNotSplit() {
        List<SqlStatement> statements = split("""
                -- a comment; not a statement
                INSERT INTO notes (body) VALUES ('a;b', E'it\\'s; fine', $$x;y$$, $tag$ $$; $tag$);
                /* block; /* nested; */ still comment; */
                SELECT "odd;name" FROM t;
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    NEW.a := 1;
                    RETURN NEW;
                END;
                $body$;
                """);

        assertThat(statements).extracting(SqlStatement::line, SqlStatement::kind).containsExactly(
                tuple(2, "INSERT INTO"),
                tuple(4, "SELECT"),
                tuple(5, "CREATE FUNCTION"));
        assertThat(statements.get(0).text()).endsWith("$tag$ $$; $tag$)");
        assertThat(statements.get(2).text()).contains("RETURN NEW;").endsWith("$body$");
    }

    @Test
    void whenAStatementFollowsCommentsAndBlankLinesThenItsLineIsTheLineOfItsFirstToken() {
        List<SqlStatement> statements = split("""
                SET lock_timeout = '5s';


                -- why
                /* and
                   more why */
                ALTER TABLE users
                    ADD COLUMN bio text; ALTER TABLE users ADD COLUMN age int;
                """);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 7, 8);
        assertThat(statements.get(1).text()).isEqualTo("ALTER TABLE users\n    ADD COLUMN bio text");
    }

    @Test
    void whenASemicolonIsInsideParenthesesThenItDoesNotSplitAndEmptyStatementsAreDropped() {
        List<SqlStatement> statements =
                split(";; CREATE RULE r AS ON INSERT TO t DO INSTEAD (SELECT 1; SELECT 2);;\n;");

        assertThat(statements).singleElement().extracting(SqlStatement::kind).isEqualTo("CREATE RULE");
    }

    @Test
    void whenAPositionalParameterOrAnIdentifierHoldsADollarThenNoDollarQuoteStarts() {
        SqlLexer.Result lexed = SqlLexer.lex("SELECT $1, a$b FROM t WHERE c = '$$'; SELECT 2");

        assertThat(lexed.tokens()).extracting(Token::kind, Token::text).contains(
                tuple(Token.Kind.PARAMETER, "$1"),
                tuple(Token.Kind.WORD, "a$b"),
                tuple(Token.Kind.STRING, "'$$'"));
        assertThat(StatementSplitter.split(lexed)).hasSize(2);
    }

    @Test
    void whenQuotesAreDoubledOrPrefixedThenTheyStayInOneToken() {
        SqlLexer.Result lexed = SqlLexer.lex("SELECT 'it''s', \"a\"\"b\", U&'d\\0061t', B'101', x'1F', 1.5e-3");

        assertThat(lexed.tokens()).extracting(Token::kind, Token::text).contains(
                tuple(Token.Kind.STRING, "'it''s'"),
                tuple(Token.Kind.QUOTED_IDENTIFIER, "\"a\"\"b\""),
                tuple(Token.Kind.STRING, "U&'d\\0061t'"),
                tuple(Token.Kind.STRING, "B'101'"),
                tuple(Token.Kind.STRING, "x'1F'"),
                tuple(Token.Kind.NUMBER, "1.5e-3"));
    }

    @Test
    void whenCommentsAppearThenTheirBodiesAndLinesAreKept() {
        SqlLexer.Result lexed = SqlLexer.lex("SELECT 1; -- first\n/* second\n */ SELECT 2--third\n");

        assertThat(lexed.comments()).extracting(SqlComment::body, SqlComment::line).containsExactly(
                tuple(" first", 1),
                tuple(" second\n ", 2),
                tuple("third", 3));
    }

    @Test
    void whenAQuoteOrACommentIsNeverClosedThenTheRestOfTheTextBelongsToIt() {
        assertThat(split("SELECT 1; SELECT 'open; SELECT 2;\n SELECT 3;")).hasSize(2);
        assertThat(split("SELECT 1; /* open; SELECT 2;")).hasSize(1);
        assertThat(split("SELECT 1; SELECT $x$ open; SELECT 2;")).hasSize(2);
    }
}
