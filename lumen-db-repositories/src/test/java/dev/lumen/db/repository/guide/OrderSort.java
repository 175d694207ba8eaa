package dev.lumen.db.repository.guide;

import static dev.lumen.db.repository.guide.schema.Tables.ORDERS;

import dev.lumen.db.repository.SortKey;
import org.jooq.Field;

/** What clients may sort orders by: public names declared here, so renaming a column cannot change them. */
public enum OrderSort implements SortKey {
    CREATED_AT("created_at", ORDERS.CREATED_AT),
    CUSTOMER("customer", ORDERS.CUSTOMER),
    TOTAL("total", ORDERS.TOTAL);

    private final String key;
    private final Field<?> field;

    OrderSort(String key, Field<?> field) {
        this.key = key;
        this.field = field;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Field<?> field() {
        return field;
    }
}
