package dev.lumen.db.core.tx;

/**
 * A committed write transaction's result and the token that lets later reads see it.
 *
 * @param result the work's result
 * @param token  the primary's WAL position after the commit
 * @param <T>    the result type
 */
public record WithToken<T>(T result, ConsistencyToken token) {
}
