package dev.lumen.db.repository;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One keyset page.
 *
 * @param items      the rows, immutable
 * @param nextCursor an opaque cursor for the next page, or {@code null} on the last page
 * @param <T>        the row type
 */
public record KeysetPage<T>(List<T> items, @Nullable String nextCursor) {

    /** Freezes the items. */
    public KeysetPage {
        items = List.copyOf(items);
    }
}
