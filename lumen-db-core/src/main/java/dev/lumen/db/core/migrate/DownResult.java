package dev.lumen.db.core.migrate;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrator#down(int)} did.
 *
 * @param undone         the migrations undone, newest first (their V script names)
 * @param currentVersion the version now current, or {@code null} when nothing is applied any more
 */
public record DownResult(List<String> undone, @Nullable String currentVersion) {

    /** Freezes the list. */
    public DownResult {
        undone = List.copyOf(undone);
    }
}
