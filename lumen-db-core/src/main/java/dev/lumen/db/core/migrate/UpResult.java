package dev.lumen.db.core.migrate;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrator#up()} did.
 *
 * @param fromVersion the version before, or {@code null} for an empty database
 * @param toVersion   the version after
 * @param applied     the scripts applied, in order
 */
public record UpResult(@Nullable String fromVersion, @Nullable String toVersion, List<String> applied) {

    /** Freezes the list. */
    public UpResult {
        applied = List.copyOf(applied);
    }
}
