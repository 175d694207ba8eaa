package dev.lumen.db.core.migrate;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of {@link MigrationStatus}.
 *
 * @param version       the version, empty for repeatable scripts
 * @param description   the description from the file name
 * @param script        the script's file name
 * @param state         where it stands
 * @param installedOn   when it was applied
 * @param executionTime how long it took
 * @param lastError     the error of the last failed attempt, if any
 * @param undoAvailable whether an undo script exists for it
 */
public record MigrationEntry(String version, String description, String script, MigrationState state,
        @Nullable Instant installedOn, @Nullable Duration executionTime, @Nullable String lastError,
        boolean undoAvailable) {
}
