package dev.lumen.db.core.tx;

import dev.lumen.db.core.error.LumenDbException;
import dev.lumen.db.core.error.SqlStateTranslator;

/** Keeps the caller's own exceptions as they are and gives SQL failures their lumen-db type. */
final class Failures {

    private Failures() {
    }

    static RuntimeException translated(RuntimeException failure) {
        if (failure instanceof LumenDbException || !SqlStateTranslator.isSqlFailure(failure)) {
            return failure;
        }
        return SqlStateTranslator.translate(failure);
    }

    static Throwable translated(Throwable failure) {
        return failure instanceof RuntimeException runtime ? translated(runtime) : failure;
    }

    /** Rethrows without wrapping: runtime exceptions and errors pass through unchanged. */
    static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}
