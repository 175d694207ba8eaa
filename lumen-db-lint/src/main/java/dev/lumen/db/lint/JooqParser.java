package dev.lumen.db.lint;

import org.jooq.DSLContext;
import org.jooq.Queries;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParseUnsupportedSyntax;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.ParserException;

/**
 * Parses units with jOOQ's PostgreSQL parser. Unsupported syntax fails instead of being skipped silently
 * (jOOQ's default), and {@code SET} statements are parsed instead of ignored.
 */
final class JooqParser {

    private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES, new Settings()
            .withParseDialect(SQLDialect.POSTGRES)
            .withParseUnsupportedSyntax(ParseUnsupportedSyntax.FAIL)
            .withParseSetCommands(true));

    /** What became of one unit. */
    sealed interface Outcome {
    }

    /**
     * jOOQ parsed the unit.
     *
     * @param change what it does
     */
    record Parsed(Change change) implements Outcome {
    }

    /**
     * jOOQ could not parse the unit, or skips such statements.
     *
     * @param reason why, for the report
     */
    record Skipped(String reason) implements Outcome {
    }

    /**
     * Parses one unit.
     *
     * @param unit the unit
     * @return the change, or why there is none
     */
    Outcome parse(ParseUnit unit) {
        Query[] queries;
        try {
            Queries parsed = dsl.parser().parse(unit.sql());
            queries = parsed.queries();
        } catch (ParserException e) {
            return new Skipped("jOOQ's parser: " + firstClause(e.getMessage()));
        } catch (RuntimeException e) {
            // Any parser failure, whatever jOOQ throws, means "not analysed", never a crashed build.
            return new Skipped("jOOQ's parser failed: " + e.getClass().getSimpleName() + ": "
                    + firstClause(e.getMessage()));
        }
        if (queries.length == 0) {
            return new Skipped("jOOQ's parser skips this kind of statement");
        }
        if (queries.length > 1) {
            return new Skipped("jOOQ's parser read " + queries.length + " statements where there is one");
        }
        try {
            return new Parsed(ChangeReader.read(queries[0], unit));
        } catch (IllegalStateException e) {
            return new Skipped(e.getMessage());
        }
    }

    /** "Feature only supported in pro edition: [1:15] DROP ..." becomes "Feature only supported in pro edition". */
    private static String firstClause(String message) {
        if (message == null) {
            return "no message";
        }
        int position = message.indexOf(": [");
        String head = position > 0 ? message.substring(0, position) : message;
        return head.length() > 200 ? head.substring(0, 200) + "..." : head;
    }
}
