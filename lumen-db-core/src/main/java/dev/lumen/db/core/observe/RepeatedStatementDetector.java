package dev.lumen.db.core.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the N+1 pattern: the same statement (same SQL with placeholders) run again and again within one
 * transaction, typically a loop that loads children one parent at a time. When a statement reaches the threshold
 * in a transaction, {@value MetricNames#REPEATED_STATEMENTS} is incremented and the calling code is logged once
 * per call site, at WARN on {@code dev.lumen.db.repeated-statement}.
 *
 * <p>Each transaction gets its own listener from {@link #forTransaction()}, so counting needs no shared state on
 * the hot path.
 */
public final class RepeatedStatementDetector {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lumen.db.repeated-statement");
    private static final Set<String> INFRASTRUCTURE = Set.of("java.", "jdk.", "sun.", "org.jooq.", "org.postgresql.",
            "com.zaxxer.", "dev.lumen.db.core.");
    private static final String REPOSITORIES = "dev.lumen.db.repository.";

    private final int threshold;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * Creates the detector.
     *
     * @param threshold executions of one statement in one transaction that count as repeated; zero disables it
     * @param registry  where the counter goes
     */
    public RepeatedStatementDetector(int threshold, MeterRegistry registry) {
        this.threshold = threshold;
        this.registry = registry;
    }

    /**
     * Whether detection is on.
     *
     * @return false when the threshold is zero
     */
    public boolean enabled() {
        return threshold > 0;
    }

    /**
     * A listener for one transaction.
     *
     * @return a fresh listener
     */
    public ExecuteListener forTransaction() {
        return new TransactionListener();
    }

    /** Counts statements of one transaction; a transaction runs on one thread at a time. */
    private final class TransactionListener implements ExecuteListener, StatementObserver {
        private final Map<String, Integer> executions = new HashMap<>();

        @Override
        public void executeEnd(ExecuteContext ctx) {
            String sql = ctx.sql();
            if (sql != null) {
                counted(sql, StatementKind.of(ctx));
            }
        }

        @Override
        public void executed(ExecutedStatement statement) {
            counted(statement.sql(), statement.kind());
        }

        private void counted(String sql, StatementKind kind) {
            int count = executions.merge(sql, 1, Integer::sum);
            if (count == threshold) {
                counters.computeIfAbsent(kind.tag(), t -> Counter.builder(MetricNames.REPEATED_STATEMENTS)
                        .description("Statements repeated past the threshold in one transaction (likely N+1)")
                        .tag(MetricNames.TYPE, t)
                        .register(registry)).increment();
                String caller = caller();
                if (reported.add(caller + '\u0000' + sql)) {
                    LOG.warn("Repeated statement (likely N+1): ran {} times in one transaction, called from {}: {}."
                            + " Load the rows in one statement (a join, MULTISET or an IN list).", threshold, caller,
                            sql.length() > 500 ? sql.substring(0, 500) + "..." : sql);
                }
            }
        }
    }

    /** The application code that ran the statement, and the repository method it went through, if any. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> {
            String via = null;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String type = frame.getClassName();
                if (INFRASTRUCTURE.stream().anyMatch(type::startsWith)) {
                    continue;
                }
                if (type.startsWith(REPOSITORIES)) {
                    via = via == null ? describe(frame) : via;
                    continue;
                }
                return describe(frame) + (via == null ? "" : " via " + via);
            }
            return via == null ? "(unknown)" : via;
        });
    }

    private static String describe(StackWalker.StackFrame frame) {
        return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }
}
