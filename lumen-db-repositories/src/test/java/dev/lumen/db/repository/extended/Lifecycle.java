package dev.lumen.db.repository.extended;

import org.jspecify.annotations.Nullable;

/** Implemented by the generated {@code Parcel} POJO through {@code <pojoImplements>}: a default method on top. */
public interface Lifecycle {

    /**
     * The status; the POJO's record component.
     *
     * @return the status
     */
    @Nullable ParcelStatus status();

    /**
     * Whether the parcel is live.
     *
     * @return true for {@link ParcelStatus#LIVE}
     */
    default boolean isLive() {
        return status() == ParcelStatus.LIVE;
    }
}
