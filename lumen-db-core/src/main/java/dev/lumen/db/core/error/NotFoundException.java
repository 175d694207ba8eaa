package dev.lumen.db.core.error;

import java.io.Serial;

/** A row that had to exist does not (a {@code get} by id, an update of a missing row). */
public final class NotFoundException extends DatabaseException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String entity;

    /**
     * Creates the exception.
     *
     * @param entity what was looked for, for example {@code user}
     * @param what   how it was looked for, without personal data, for example {@code id 5f0c...}
     */
    public NotFoundException(String entity, String what) {
        super(entity + " not found (" + what + ")", null, null);
        this.entity = entity;
    }

    /**
     * What was looked for.
     *
     * @return the entity name
     */
    public String entity() {
        return entity;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
