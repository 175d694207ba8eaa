package dev.lumen.db.core.tx;

import org.jspecify.annotations.Nullable;

/**
 * When a write transaction's COMMIT returns, applied as {@code SET LOCAL synchronous_commit}. What each level can
 * lose when the primary fails and a standby is promoted follows PostgreSQL's documentation of
 * {@code synchronous_commit} (see the README's "Scale-out").
 */
public enum Durability {
    /** The server's (or role's) own {@code synchronous_commit}; nothing is set. */
    SERVER_DEFAULT(null),
    /**
     * Flushed to the primary's disk only ({@code local}): survives a restart of the primary, but a failover to a
     * standby that had not received it yet loses it.
     */
    LOCAL("local"),
    /**
     * Flushed on the primary and on the synchronous standbys ({@code on}): a failover to a synchronous standby
     * keeps it; a read on that standby may still not see it until replay catches up.
     */
    REPLICATED("on"),
    /**
     * Applied on the synchronous standbys ({@code remote_apply}): once COMMIT returns, reads there see it.
     */
    VISIBLE_ON_REPLICAS("remote_apply");

    private final @Nullable String setting;

    Durability(@Nullable String setting) {
        this.setting = setting;
    }

    /**
     * The {@code synchronous_commit} value.
     *
     * @return the value, or {@code null} for {@link #SERVER_DEFAULT}
     */
    public @Nullable String setting() {
        return setting;
    }
}
