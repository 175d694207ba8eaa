package dev.lumen.db.core.migrate;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of every migration known locally or recorded in the database.
 *
 * @param currentVersion the newest applied version, or {@code null} for an empty database
 * @param entries        every migration, oldest first
 */
public record MigrationStatus(@Nullable String currentVersion, List<MigrationEntry> entries) {

    /** What to do about an {@link #edited()} migration, as health and {@code lumen-db migrate status} say it. */
    public static final String EDITED_ADVICE = "revert the edit, or run migrate repair if the change is intended";

    /** Freezes the entries. */
    public MigrationStatus {
        entries = List.copyOf(entries);
    }

    /**
     * Migrations not applied yet (including ones whose last attempt failed and was rolled back).
     *
     * @return the pending entries
     */
    public List<MigrationEntry> pending() {
        return entries.stream()
                .filter(e -> e.state() == MigrationState.PENDING || e.state() == MigrationState.FAILED_ROLLED_BACK)
                .toList();
    }

    /**
     * Migrations that failed: rolled back ones and dirty ones.
     *
     * @return the failed entries
     */
    public List<MigrationEntry> failed() {
        return entries.stream()
                .filter(e -> e.state() == MigrationState.FAILED || e.state() == MigrationState.FAILED_ROLLED_BACK)
                .toList();
    }

    /**
     * Applied migrations whose scripts were edited afterwards: {@code up} and {@code validate} refuse to run
     * until they are reverted or {@code repair} realigns the checksums.
     *
     * @return the edited entries
     */
    public List<MigrationEntry> edited() {
        return entries.stream().filter(e -> e.state() == MigrationState.EDITED).toList();
    }

    /**
     * Whether a failed non-transactional migration left the schema part-changed (golang-migrate's "dirty").
     *
     * @return true when dirty
     */
    public boolean dirty() {
        return entries.stream().anyMatch(e -> e.state() == MigrationState.FAILED);
    }
}
