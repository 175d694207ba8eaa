package dev.lumen.db.spring;

import dev.lumen.db.core.tx.Isolation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method (or every public method of the annotated class) in a transaction, like Spring's
 * {@code @Transactional}, and reruns the whole method after a serialization failure (40001) or deadlock (40P01)
 * up to {@link #retries()} times with jittered backoff. Only the outermost transaction retries: a method that
 * joins a transaction already open on the thread makes exactly one attempt, inside a savepoint, and a conflict
 * propagates to the outermost method, which reruns everything.
 *
 * <pre>{@code
 * @LumenTransactional(isolation = Isolation.SERIALIZABLE, retries = 3, timeout = 5)
 * public void transfer(UUID from, UUID to, long cents) { ... }
 * }</pre>
 *
 * <p>Everything inside shares one connection: {@code DSLContext}, repositories, {@code TransactionRunner} and
 * {@code JdbcTemplate}. The method is rolled back on any exception, checked or not. Do not put
 * {@code @Transactional} on the same method.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LumenTransactional {

    /**
     * The isolation level, applied with {@code SET TRANSACTION ISOLATION LEVEL}. Joining a transaction of
     * another level is refused with an {@link IllegalStateException}.
     *
     * @return the level
     */
    Isolation isolation() default Isolation.DEFAULT;

    /**
     * A read-only transaction ({@code SET TRANSACTION READ ONLY}): writes fail with
     * {@code ReadOnlyTransactionException}.
     *
     * @return true for read-only
     */
    boolean readOnly() default false;

    /**
     * Server-side statement timeout in seconds ({@code SET LOCAL statement_timeout}), for every statement of the
     * transaction; a statement running longer fails with {@code QueryTimeoutException}. -1 keeps the
     * connection's default ({@code lumen.db.statement-timeout}).
     *
     * @return seconds, or -1
     */
    int timeout() default -1;

    /**
     * How many times to rerun the whole method after a serialization failure or deadlock, at most
     * {@value dev.lumen.db.core.tx.TxOptions#MAX_RETRIES}.
     *
     * @return the retry budget
     */
    int retries() default 0;
}
