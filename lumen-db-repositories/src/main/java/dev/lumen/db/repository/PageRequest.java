package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;

/**
 * A validated offset page: {@code limit} rows starting at {@code offset}. Invalid values are refused here with
 * {@link InvalidInputException}, before any SQL runs.
 *
 * @param limit  rows per page, 1 to {@link #MAX_LIMIT}
 * @param offset rows to skip, 0 to {@link #MAX_OFFSET}
 */
public record PageRequest(int limit, long offset) {

    /** Largest page. */
    public static final int MAX_LIMIT = 1_000;
    /** Deepest offset; beyond it use keyset pages, which stay fast at any depth. */
    public static final long MAX_OFFSET = 1_000_000;

    /** Validates the bounds. */
    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("Page limit must be between 1 and " + MAX_LIMIT + ", got " + limit, null,
                    null);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidInputException("Page offset must be between 0 and " + MAX_OFFSET + ", got " + offset,
                    null, null);
        }
    }

    /**
     * The first page.
     *
     * @param limit rows per page
     * @return the request
     */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, 0);
    }

    /**
     * A page.
     *
     * @param limit  rows per page
     * @param offset rows to skip
     * @return the request
     */
    public static PageRequest of(int limit, long offset) {
        return new PageRequest(limit, offset);
    }

    /**
     * The page after this one.
     *
     * @return the next request
     */
    public PageRequest next() {
        return new PageRequest(limit, offset + limit);
    }
}
