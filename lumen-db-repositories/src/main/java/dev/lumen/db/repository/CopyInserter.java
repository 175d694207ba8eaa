package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.statement.BoundValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.jdbc.TimestampUtils;
import org.postgresql.util.PGobject;

/**
 * Bulk insert through PostgreSQL's {@code COPY ... FROM STDIN}: rows are encoded in COPY's text format and
 * streamed in chunks, so 100k rows cost a handful of round trips and no statement parsing per row. The
 * statement itself is rendered by jOOQ from the generated table and field names.
 */
final class CopyInserter {

    private static final int CHUNK_BYTES = 1 << 20;

    private CopyInserter() {
    }

    /**
     * Copies rows in. Each row must set exactly {@code columns}: that is checked while streaming, and a row that
     * does not cancels the COPY, so nothing of it is inserted.
     */
    static <R extends Record> long copy(DSLContext dsl, Table<R> table, List<Field<?>> columns, Collection<R> rows) {
        String sql = dsl.render(DSL.query("COPY {0} ({1}) FROM STDIN",
                DSL.name(table.getName()), DSL.list(columns.stream().map(f -> DSL.name(f.getName())).toList())));
        Field<?>[] fields = table.fields();
        int[] indexes = columns.stream().mapToInt(table::indexOf).toArray();
        // Each value goes through its column's jOOQ binding (converter included), then into COPY's text format.
        BoundValues[] bound = columns.stream().map(f -> BoundValues.of(f.getDataType(), dsl.configuration()))
                .toArray(BoundValues[]::new);
        boolean[] set = new boolean[fields.length];
        for (int index : indexes) {
            set[index] = true;
        }
        long[] copied = new long[1];
        try {
            dsl.connection(connection -> {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                try {
                    CopyText text = new CopyText(copy);
                    for (R row : rows) {
                        for (int i = 0; i < fields.length; i++) {
                            if (row.changed(i) != set[i]) {
                                throw new InvalidInputException("insertAll needs every row to set the same columns ("
                                        + columns.stream().map(Field::getName).toList() + ")", null, null);
                            }
                        }
                        for (int i = 0; i < indexes.length; i++) {
                            if (i > 0) {
                                text.separator('\t');
                            }
                            text.value(bound[i].jdbcValue(row.get(indexes[i])));
                        }
                        text.separator('\n');
                    }
                    text.flush();
                    copied[0] = copy.endCopy();
                } catch (SQLException | RuntimeException e) {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                    throw e;
                }
            });
        } catch (org.jooq.exception.DataTypeException e) {
            // A converter refused a caller's value (a JSON document jsonb cannot hold, say): bad input, not SQL.
            throw new InvalidInputException("insertAll: " + e.getMessage(), null, null);
        } catch (DataAccessException e) {
            throw SqlStateTranslator.translate(e);
        }
        return copied[0];
    }

    /**
     * COPY's text format, encoded to UTF-8 straight into a chunk that goes to the server whenever it fills: the
     * server parses one chunk while the next is encoded.
     */
    static final class CopyText {

        private final @Nullable CopyIn copy;
        /** pgjdbc's own formatting of dates and times (infinity included), as it sends them for setObject. */
        private final TimestampUtils times = new TimestampUtils(false, TimeZone::getDefault);
        private byte[] chunk;
        private int used;

        CopyText(@Nullable CopyIn copy) {
            this.copy = copy;
            this.chunk = new byte[copy == null ? 256 : CHUNK_BYTES];
        }

        void separator(char c) {
            room(1);
            chunk[used++] = (byte) c;
        }

        /**
         * One value as a jOOQ binding hands it to JDBC: {@code \N} for null, backslash escapes for the separators.
         * Types JDBC would format itself are formatted as pgjdbc does; anything else is refused rather than
         * written as its {@code toString()}.
         */
        void value(@Nullable Object value) throws SQLException {
            if (value == null) {
                room(2);
                chunk[used++] = '\\';
                chunk[used++] = 'N';
                return;
            }
            String text = switch (value) {
                case String string -> string;
                case Boolean b -> b ? "t" : "f";
                case Integer n -> n.toString();
                case Long n -> n.toString();
                case Short n -> n.toString();
                case Byte n -> n.toString();
                case BigDecimal n -> n.toString();
                case BigInteger n -> n.toString();
                case Double n -> n.toString();
                case Float n -> n.toString();
                case UUID uuid -> uuid.toString();
                case JSONB json -> json.data();
                case JSON json -> json.data();
                case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
                case OffsetDateTime time -> times.toString(time);
                case LocalDateTime time -> times.toString(time);
                case LocalDate date -> times.toString(date);
                case LocalTime time -> times.toString(time);
                case OffsetTime time -> times.toString(time);
                case Timestamp time -> times.toString(times.getSharedCalendar(null), time);
                case java.sql.Date date -> times.toString(times.getSharedCalendar(null), date);
                case Time time -> times.toString(times.getSharedCalendar(null), time);
                case PGobject object -> object.getValue();
                default -> throw new IllegalStateException("insertAll cannot write a " + value.getClass().getName()
                        + " value: its column's binding passes JDBC a type COPY has no text form for here");
            };
            if (text == null) {
                value(null);
                return;
            }
            if (copy != null && used + 3L * text.length() > chunk.length) {
                flush();
            }
            room(3 * text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\u0000' -> throw new InvalidInputException("Text for insertAll contains a NUL character",
                                "22021", null);
                        case '\\' -> escaped('\\');
                        case '\t' -> escaped('t');
                        case '\n' -> escaped('n');
                        case '\r' -> escaped('r');
                        default -> chunk[used++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    chunk[used++] = (byte) (0xC0 | c >> 6);
                    chunk[used++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int point = Character.toCodePoint(c, text.charAt(++i));
                    chunk[used++] = (byte) (0xF0 | point >> 18);
                    chunk[used++] = (byte) (0x80 | point >> 12 & 0x3F);
                    chunk[used++] = (byte) (0x80 | point >> 6 & 0x3F);
                    chunk[used++] = (byte) (0x80 | point & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    // String.getBytes(UTF_8) would write '?': a lone surrogate is refused, never stored altered.
                    throw new InvalidInputException("Text for insertAll is not valid Unicode (an unpaired surrogate)",
                            "22021", null);
                } else {
                    chunk[used++] = (byte) (0xE0 | c >> 12);
                    chunk[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                    chunk[used++] = (byte) (0x80 | c & 0x3F);
                }
            }
        }

        private void escaped(char c) {
            chunk[used++] = '\\';
            chunk[used++] = (byte) c;
        }

        /** Makes room for {@code bytes} more; a single huge value grows the chunk rather than splitting it. */
        private void room(int bytes) {
            if (used + bytes > chunk.length) {
                chunk = Arrays.copyOf(chunk, Math.max(chunk.length * 2, used + bytes));
            }
        }

        void flush() throws SQLException {
            if (copy != null && used > 0) {
                copy.writeToCopy(chunk, 0, used);
                used = 0;
            }
        }

        /** What has been encoded and not flushed, as text (for tests). */
        String pending() {
            return new String(chunk, 0, used, StandardCharsets.UTF_8);
        }
    }
}
