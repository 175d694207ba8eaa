package dev.lumen.db.repository;

import dev.lumen.db.core.error.SqlStateTranslator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk insert through PostgreSQL's {@code COPY ... FROM STDIN}: rows are encoded in COPY's text format and
 * streamed in chunks, so 100k rows cost a handful of round trips and no statement parsing per row. The
 * statement itself is rendered by jOOQ from the generated table and field names.
 */
final class CopyInserter {

    private static final int CHUNK_BYTES = 1 << 20;

    private CopyInserter() {
    }

    static <R extends Record> long copy(DSLContext dsl, Table<R> table, List<Field<?>> columns, Collection<R> rows) {
        String sql = dsl.render(DSL.query("COPY {0} ({1}) FROM STDIN",
                DSL.name(table.getName()), DSL.list(columns.stream().map(f -> DSL.name(f.getName())).toList())));
        long[] copied = new long[1];
        try {
            dsl.connection(connection -> {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                try {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK_BYTES + 4096);
                    StringBuilder line = new StringBuilder(256);
                    for (R row : rows) {
                        line.setLength(0);
                        for (int i = 0; i < columns.size(); i++) {
                            if (i > 0) {
                                line.append('\t');
                            }
                            appendValue(line, row.get(columns.get(i)));
                        }
                        line.append('\n');
                        buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                        if (buffer.size() >= CHUNK_BYTES) {
                            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                            buffer.reset();
                        }
                    }
                    if (buffer.size() > 0) {
                        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    }
                    copied[0] = copy.endCopy();
                } catch (SQLException | RuntimeException e) {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                    throw e;
                }
            });
        } catch (DataAccessException e) {
            throw SqlStateTranslator.translate(e);
        }
        return copied[0];
    }

    /** COPY text format: {@code \N} for null, backslash escapes for the separators. */
    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        String text = switch (value) {
            case Boolean b -> b ? "t" : "f";
            case JSONB json -> json.data();
            case JSON json -> json.data();
            case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
            case TemporalAccessor time -> time.toString();
            default -> value.toString();
        };
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
