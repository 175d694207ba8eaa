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
        List<String> statements = new ArrayList<>(3);
        String isolation = options.isolation().statement();
        if (isolation != null) {
            statements.add(options.readOnly() ? isolation + " READ ONLY" : isolation);
        } else if (options.readOnly()) {
            statements.add("SET TRANSACTION READ ONLY");
        }
        if (!options.timeout().isZero()) {
            statements.add(String.format(Locale.ROOT, "SET LOCAL statement_timeout = %d", options.timeout().toMillis()));
        }
        if (!options.lockTimeout().isZero()) {
            statements.add(String.format(Locale.ROOT, "SET LOCAL lock_timeout = %d", options.lockTimeout().toMillis()));
        }
        return statements.isEmpty() ? null : String.join("; ", statements);
    }
}
