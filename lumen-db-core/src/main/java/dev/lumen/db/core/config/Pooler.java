package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.Locale;

/** What sits between lumen-db and PostgreSQL ({@code lumen.db.pooler}). */
public enum Pooler {
    /** Nothing: every pooled connection is one server session, so session state is lumen-db's to manage. */
    DIRECT("direct"),
    /**
     * PgBouncer in transaction mode: a server session serves many clients, one transaction at a time. lumen-db then
     * keeps no session state (no {@code options} start-up parameter, timeouts only as {@code SET LOCAL}), turns
     * server-side prepared statements off ({@code prepareThreshold=0}, PgBouncer before 1.21 cannot keep them) and
     * runs migrations over {@code lumen.db.migrations.url}.
     */
    PGBOUNCER_TRANSACTION("pgbouncer-transaction");

    private final String text;

    Pooler(String text) {
        this.text = text;
    }

    /**
     * The configuration text.
     *
     * @return {@code direct} or {@code pgbouncer-transaction}
     */
    public String text() {
        return text;
    }

    static Pooler parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (Pooler pooler : values()) {
            if (pooler.text.equals(normalized)) {
                return pooler;
            }
        }
        throw new ConfigurationException(ConfigKey.POOLER.property(), ConfigKey.POOLER.property()
                + " must be direct or pgbouncer-transaction, got '" + (value.length() > 40 ? value.substring(0, 40)
                + "..." : value) + "'");
    }

    @Override
    public String toString() {
        return text;
    }
}
