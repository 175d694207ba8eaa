package dev.lumen.db.repository.guide;

import static dev.lumen.db.repository.guide.schema.Tables.ORDERS;

import dev.lumen.db.repository.Binds;
import dev.lumen.db.repository.Filter;
import java.math.BigDecimal;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Which orders to list: every part is optional, the parts combine with AND. A record, so lumen-db derives its
 * query shape from which parts are set; each value goes through {@code binds}, so its SQL is rendered only once.
 */
public record OrderFilter(@Nullable String customer, @Nullable String status, @Nullable BigDecimal minTotal)
        implements Filter {

    @Override
    public Condition condition() {
        return condition(Binds.inline());
    }

    @Override
    public Condition condition(Binds binds) {
        Condition condition = DSL.noCondition();
        if (customer != null) {
            condition = condition.and(ORDERS.CUSTOMER.eq(binds.value(ORDERS.CUSTOMER, customer)));
        }
        if (status != null) {
            condition = condition.and(ORDERS.STATUS.eq(binds.value(ORDERS.STATUS, status)));
        }
        if (minTotal != null) {
            condition = condition.and(ORDERS.TOTAL.ge(binds.value(ORDERS.TOTAL, minTotal)));
        }
        return condition;
    }
}
