package dev.lumen.db.runtime;

import java.io.Serial;
import org.jooq.exception.DataTypeException;

/**
 * A value could not be turned into JSON the column can store, or a stored document does not fit the Java type.
 * The message names the Java type and what is wrong, never the document itself.
 */
public final class JsonConversionException extends DataTypeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param cause   Jackson's exception, or {@code null}
     */
    public JsonConversionException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what went wrong
     */
    public JsonConversionException(String message) {
        super(message);
    }
}
