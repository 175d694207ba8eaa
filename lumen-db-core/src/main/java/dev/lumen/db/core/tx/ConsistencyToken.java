package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.InvalidInputException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Read-your-writes across requests and jobs: the primary's WAL position read right after a write transaction
 * committed ({@link TransactionRunner#callWithToken}). A read-only transaction given it
 * ({@link TxOptions#after(ConsistencyToken)}) runs on a replica only once that replica has replayed this position
 * ({@code pg_last_wal_replay_lsn()}), so it sees the write; past the wait budget it runs on the primary. Opaque:
 * carry {@link #asString()} in a cookie, header or job payload and read it back with {@link #parse(String)}.
 *
 * @param position the WAL byte position
 */
public record ConsistencyToken(long position) implements Serializable, Comparable<ConsistencyToken> {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "ct1.";
    private static final int MAX_TEXT = 64;
    private static final Pattern FORM = Pattern.compile("ct1\\.[0-9a-f]{16}");

    /** Positions are never negative. */
    public ConsistencyToken {
        if (position < 0) {
            throw new InvalidInputException("A consistency token's position cannot be negative", null, null);
        }
    }

    /**
     * Reads a token written by {@link #asString()}.
     *
     * @param text the string form
     * @return the token
     * @throws InvalidInputException when the text is not a token, or longer than 64 characters (it is never quoted
     *                               back)
     */
    public static ConsistencyToken parse(String text) {
        // A client hands this in: anything longer than a token plus some whitespace is refused before any work.
        String trimmed = text.length() > MAX_TEXT ? "" : text.strip();
        if (!FORM.matcher(trimmed).matches()) {
            throw new InvalidInputException("Not a consistency token (expected the text ConsistencyToken.asString()"
                    + " wrote, " + (PREFIX.length() + 16) + " characters)", null, null);
        }
        return new ConsistencyToken(Long.parseUnsignedLong(trimmed.substring(PREFIX.length()), 16));
    }

    /**
     * The string form, for cookies, headers and job payloads.
     *
     * @return 20 characters
     */
    public String asString() {
        return PREFIX + String.format(Locale.ROOT, "%016x", position);
    }

    /**
     * Whether a server that has replayed up to {@code replayed} sees the write this token stands for.
     *
     * @param replayed a replay position
     * @return true once it is at or past the token
     */
    public boolean reachedBy(long replayed) {
        return replayed >= position;
    }

    @Override
    public int compareTo(ConsistencyToken other) {
        return Long.compare(position, other.position);
    }

    @Override
    public String toString() {
        return asString();
    }
}
