package dev.lumen.db.core.observe;

import java.util.Locale;
import org.jooq.Delete;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteType;
import org.jooq.Insert;
import org.jooq.Merge;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.Update;

/** What a statement does; the {@code type} tag of lumen-db's query meters. */
public enum StatementKind {
    /** A query returning rows. */
    SELECT,
    /** {@code INSERT}, with or without {@code RETURNING}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** {@code MERGE} or {@code INSERT ... ON CONFLICT DO UPDATE} built as a merge. */
    MERGE,
    /** Schema changes. */
    DDL,
    /** A JDBC batch. */
    BATCH,
    /** Anything else. */
    OTHER;

    /**
     * The kind of a statement jOOQ executes.
     *
     * @param ctx the execution
     * @return its kind
     */
    public static StatementKind of(ExecuteContext ctx) {
        if (ctx.type() == ExecuteType.BATCH) {
            return StatementKind.BATCH;
        }
        if (ctx.type() == ExecuteType.DDL) {
            return StatementKind.DDL;
        }
        Query query = ctx.query();
        if (query instanceof Insert<?>) {
            return StatementKind.INSERT;
        }
        if (query instanceof Update<?>) {
            return StatementKind.UPDATE;
        }
        if (query instanceof Delete<?>) {
            return StatementKind.DELETE;
        }
        if (query instanceof Merge<?>) {
            return StatementKind.MERGE;
        }
        if (query instanceof ResultQuery<?> || ctx.type() == ExecuteType.READ) {
            return StatementKind.SELECT;
        }
        return StatementKind.OTHER;
    }

    private final String tag = name().toLowerCase(Locale.ROOT);

    /**
     * The value of the {@code type} tag.
     *
     * @return the lower-case name
     */
    public String tag() {
        return tag;
    }
}
