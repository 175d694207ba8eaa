package dev.lumen.db.repository.extended;

import java.util.Locale;
import org.jooq.EnumType;
import org.jspecify.annotations.Nullable;

/** A parcel's status, stored in a {@code text} column as its lower-case literal through jOOQ's EnumConverter. */
public enum ParcelStatus implements EnumType {
    LIVE, PAUSED, RETIRED;

    @Override
    public String getLiteral() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Not a PostgreSQL enum type: the column is {@code text}. */
    @Override
    public @Nullable String getName() {
        return null;
    }
}
