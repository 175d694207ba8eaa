package dev.lumen.db.repository;

import java.util.List;

/**
 * One offset page of results.
 *
 * @param items   the rows, immutable
 * @param request the request that produced it
 * @param hasNext whether more rows follow
 * @param <T>     the row type
 */
public record Page<T>(List<T> items, PageRequest request, boolean hasNext) {

    /** Freezes the items. */
    public Page {
        items = List.copyOf(items);
    }
}
