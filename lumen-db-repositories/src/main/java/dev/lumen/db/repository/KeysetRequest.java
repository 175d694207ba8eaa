package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A keyset page request: up to {@code limit} rows after an opaque cursor from the previous page.
 *
 * @param cursor the previous page's {@link KeysetPage#nextCursor()}, or {@code null} for the first page
 * @param limit  rows per page, 1 to {@link PageRequest#MAX_LIMIT}
 */
public record KeysetRequest(@Nullable String cursor, int limit) {

    /** Validates the limit. */
    public KeysetRequest {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new InvalidInputException("Page limit must be between 1 and " + PageRequest.MAX_LIMIT + ", got "
                    + limit, null, null);
        }
    }

    /**
     * The first page.
     *
     * @param limit rows per page
     * @return the request
     */
    public static KeysetRequest first(int limit) {
        return new KeysetRequest(null, limit);
    }

    /**
     * The page after a cursor.
     *
     * @param cursor the cursor
     * @param limit  rows per page
     * @return the request
     */
    public static KeysetRequest after(String cursor, int limit) {
        return new KeysetRequest(cursor, limit);
    }
}
