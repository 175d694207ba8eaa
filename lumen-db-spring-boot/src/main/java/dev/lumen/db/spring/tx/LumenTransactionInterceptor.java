package dev.lumen.db.spring.tx;

import dev.lumen.db.core.error.CommitOutcomeUnknownException;
import dev.lumen.db.core.error.DeadlockException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.spring.LumenTransactional;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The advice behind {@link LumenTransactional}. Outermost: a Spring transaction through the transaction
 * manager (so {@code JdbcTemplate} and everything else join it), committed when the method returns, rolled back
 * when it throws anything, and the whole method rerun after 40001 / 40P01 within the retry budget, counted on
 * {@code lumen.db.transaction.retries}, and timed on {@code lumen.db.transaction} as the runner's transactions are.
 * Inside an open transaction: one attempt through lumen-db's runner,
 * which joins as a savepoint and refuses another isolation level.
 */
public final class LumenTransactionInterceptor implements MethodInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(LumenTransactionInterceptor.class);
    /** Full-jitter backoff ceiling of the first retry, doubling up to {@link #BACKOFF_CAP}: as lumen-db's runner. */
    private static final Duration BACKOFF_BASE = Duration.ofMillis(10);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(1);

    private final Supplier<PlatformTransactionManager> transactionManager;
    private final Supplier<TransactionRunner> runner;
    private final Supplier<MeterRegistry> registry;

    /**
     * Creates the interceptor.
     *
     * @param transactionManager opens outermost transactions
     * @param runner             joins open ones
     * @param registry           where the retry counters go
     */
    public LumenTransactionInterceptor(Supplier<PlatformTransactionManager> transactionManager,
            Supplier<TransactionRunner> runner, Supplier<MeterRegistry> registry) {
        this.transactionManager = transactionManager;
        this.runner = runner;
        this.registry = registry;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Method called = invocation.getMethod();
        // As @Transactional: public methods only, and never Object's own (toString, hashCode) on an annotated class.
        LumenTransactional settings = Modifier.isPublic(called.getModifiers())
                && called.getDeclaringClass() != Object.class ? settings(invocation) : null;
        if (settings == null) {
            return invocation.proceed();
        }
        TxOptions options = options(settings);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return joined(invocation, options);
        }
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setName(invocation.getMethod().getDeclaringClass().getName() + '.' + invocation.getMethod().getName());
        definition.setIsolationLevel(SpringAmbientTransactions.springIsolation(options.isolation()));
        definition.setReadOnly(options.readOnly());
        definition.setTimeout(settings.timeout() > 0 ? settings.timeout() : DefaultTransactionDefinition.TIMEOUT_DEFAULT);
        long started = System.nanoTime();
        String outcome = "rolled_back";
        try {
            Object result = outermost(invocation, definition, options);
            outcome = "committed";
            return result;
        } catch (CommitOutcomeUnknownException unknown) {
            outcome = "unknown";
            throw unknown;
        } finally {
            // The runner's transaction timer, so lumen.db.transaction counts these transactions too.
            Timer.builder(MetricNames.TRANSACTION)
                    .description("Transactions run by the transaction runner, retries included")
                    .tag(MetricNames.OUTCOME, outcome)
                    .tag(MetricNames.ISOLATION, options.isolation().name().toLowerCase(Locale.ROOT))
                    .tag(MetricNames.READ_ONLY, Boolean.toString(options.readOnly()))
                    .register(registry.get())
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Attempts until one commits, the failure is not a conflict, or the retry budget is spent. */
    private @Nullable Object outermost(MethodInvocation invocation, DefaultTransactionDefinition definition,
            TxOptions options) throws Throwable {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(invocation, definition);
            } catch (Throwable failure) {
                String reason = retryReason(failure);
                if (reason == null) {
                    throw failure;
                }
                if (attempt > options.retries()) {
                    if (options.retries() > 0) {
                        counter(MetricNames.TRANSACTION_RETRIES_EXHAUSTED, reason,
                                "Transactions that failed after their last retry").increment();
                    }
                    throw failure;
                }
                counter(MetricNames.TRANSACTION_RETRIES, reason, "Transaction attempts rerun after a conflict")
                        .increment();
                LOG.debug("{} attempt {} hit {}; retrying", definition.getName(), attempt, reason);
                if (!sleep(attempt)) {
                    throw failure;
                }
            }
        }
    }

    private @Nullable Object attempt(MethodInvocation invocation, DefaultTransactionDefinition definition)
            throws Throwable {
        PlatformTransactionManager manager = transactionManager.get();
        TransactionStatus status = manager.getTransaction(definition);
        Object result;
        try {
            result = invocation.proceed();
        } catch (Throwable failure) {
            try {
                manager.rollback(status);
            } catch (RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
        manager.commit(status);
        return result;
    }

    /** One attempt inside the open transaction, as a savepoint; the caller's checked exceptions pass unchanged. */
    private @Nullable Object joined(MethodInvocation invocation, TxOptions options) throws Throwable {
        try {
            return runner.get().call(options.retries(0), tx -> {
                try {
                    return invocation.proceed();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable checked) {
                    throw new CheckedCarrier(checked);
                }
            });
        } catch (CheckedCarrier carrier) {
            throw carrier.getCause();
        }
    }

    private static @Nullable LumenTransactional settings(MethodInvocation invocation) {
        Object target = invocation.getThis();
        Class<?> targetClass = target != null ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
        Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
        LumenTransactional found = AnnotatedElementUtils.findMergedAnnotation(method, LumenTransactional.class);
        return found != null ? found : AnnotatedElementUtils.findMergedAnnotation(targetClass, LumenTransactional.class);
    }

    private static TxOptions options(LumenTransactional settings) {
        return TxOptions.defaults()
                .isolation(settings.isolation())
                .readOnly(settings.readOnly())
                .timeout(settings.timeout() > 0 ? Duration.ofSeconds(settings.timeout()) : Duration.ZERO)
                .retries(settings.retries());
    }

    /** lumen-db's types, or (with Spring's exception family switched on) the SQLSTATE somewhere in the causes. */
    private static @Nullable String retryReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerializationFailureException) {
                return "serialization_failure";
            }
            if (cause instanceof DeadlockException) {
                return "deadlock";
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "40001":
                        return "serialization_failure";
                    case "40P01":
                        return "deadlock";
                    default:
                        break;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private Counter counter(String name, String reason, String description) {
        // The same meter lumen-db's runner increments: one counter of retries, whatever started the transaction.
        return Counter.builder(name).description(description).tag(MetricNames.REASON, reason).register(registry.get());
    }

    private static boolean sleep(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP.toNanos(), BACKOFF_BASE.toNanos() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Carries a checked exception of the method through the runner's functional interface. */
    private static final class CheckedCarrier extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckedCarrier(Throwable cause) {
            super(cause);
        }

        @Override
        public synchronized Throwable getCause() {
            Throwable cause = super.getCause();
            return cause != null ? cause : this;
        }
    }
}
