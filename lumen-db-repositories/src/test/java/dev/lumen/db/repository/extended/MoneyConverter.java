package dev.lumen.db.repository.extended;

import java.math.BigDecimal;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/** numeric <-> {@link Money}, hand-written as a user would, named by a forced type. */
public final class MoneyConverter extends AbstractConverter<BigDecimal, Money> {

    private static final long serialVersionUID = 1L;

    /** Creates the converter; the generated table calls this. */
    public MoneyConverter() {
        super(BigDecimal.class, Money.class);
    }

    @Override
    public @Nullable Money from(@Nullable BigDecimal stored) {
        return stored == null ? null : new Money(stored.movePointRight(2).longValueExact());
    }

    @Override
    public @Nullable BigDecimal to(@Nullable Money money) {
        return money == null ? null : BigDecimal.valueOf(money.cents(), 2);
    }
}
