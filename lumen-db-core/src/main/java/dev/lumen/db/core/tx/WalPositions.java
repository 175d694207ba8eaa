package dev.lumen.db.core.tx;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** PostgreSQL's {@code pg_lsn} text ({@code 16/B374D848}) to and from a byte position. */
public final class WalPositions {

    private WalPositions() {
    }

    /**
     * Parses {@code X/Y}.
     *
     * @param text the {@code pg_lsn} text; {@code null} (nothing replayed yet) is 0
     * @return the byte position
     */
    public static long parse(@Nullable String text) {
        if (text == null) {
            return 0;
        }
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("Not a pg_lsn: " + (text.length() > 40 ? text.substring(0, 40) : text));
        }
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /**
     * Formats a byte position as {@code X/Y}.
     *
     * @param position the position
     * @return the text form
     */
    public static String format(long position) {
        return String.format(Locale.ROOT, "%X/%X", position >>> 32, position & 0xFFFFFFFFL);
    }
}
