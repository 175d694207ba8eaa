package dev.lumen.db.core.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The statements that open a transaction with its options, sent as one round trip together with the driver's
 * {@code BEGIN}. Built only from enum constants and whole milliseconds, never from caller text. Public for
 * transaction managers of host frameworks (Spring's), so their transactions start exactly as lumen-db's do.
 */
public final class TxPreamble {

    private TxPreamble() {
    }

    /**
     * The preamble for {@code options}, or {@code null} when the defaults need none (no extra round trip).
     *
     * @param options the transaction options
     * @return semicolon-separated statements, or {@code null}
     */
    public static @Nullable String sql(TxOptions options) {
        return sql(options, java.time.Duration.ZERO);
    }

    /**
     * The preamble for {@code options}, with a default statement timeout applied as {@code SET LOCAL} when the
     * options have none: behind PgBouncer in transaction mode the connection cannot carry one of its own.
     *
     * @param options                 the transaction options
     * @param defaultStatementTimeout the timeout for transactions without their own; zero for none
     * @return semicolon-separated statements, or {@code null}
     */
    public static @Nullable String sql(TxOptions options, java.time.Duration defaultStatementTimeout) {
        List<String> statements = new ArrayList<>(4);
        String isolation = options.isolation().statement();
        if (isolation != null) {
            statements.add(options.readOnly() ? isolation + " READ ONLY" : isolation);
        } else if (options.readOnly()) {
            statements.add("SET TRANSACTION READ ONLY");
        }
        java.time.Duration timeout = options.timeout().isZero() ? defaultStatementTimeout : options.timeout();
        if (!timeout.isZero()) {
            statements.add(String.format(Locale.ROOT, "SET LOCAL statement_timeout = %d", timeout.toMillis()));
        }
        if (!options.lockTimeout().isZero()) {
            statements.add(String.format(Locale.ROOT, "SET LOCAL lock_timeout = %d", options.lockTimeout().toMillis()));
        }
        String durability = options.durability().setting();
        if (durability != null && !options.readOnly()) {
            // An enum constant's fixed text, never caller input.
            statements.add("SET LOCAL synchronous_commit = " + durability);
        }
        return statements.isEmpty() ? null : String.join("; ", statements);
    }
}
