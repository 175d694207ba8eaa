package dev.lumen.db.repository.guide;

import static dev.lumen.db.repository.guide.schema.Tables.ORDERS;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.TableRepository;
import dev.lumen.db.repository.guide.schema.tables.pojos.Order;
import dev.lumen.db.repository.guide.schema.tables.records.OrdersRecord;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.UUID;

/** Orders: find, get, insert, update, soft delete, restore, count, list, keyset pages and COPY, plus place. */
public final class OrderRepository extends TableRepository<OrdersRecord, Order, UUID> {

    /** Sortable by {@link OrderSort}; keyset pages and unsorted lists go newest first. */
    public OrderRepository() {
        super(ORDERS, ORDERS.ID, "order", mapperTo(ORDERS, Order.class), Arrays.asList(OrderSort.values()),
                Sort.desc(OrderSort.CREATED_AT));
    }

    /**
     * Places an open order.
     *
     * @param scope    where to run: the database or a transaction
     * @param customer who orders
     * @param total    the amount, at least zero (the table's CHECK refuses less)
     * @return the stored order, with its id, status and created_at from the database
     */
    public Order place(DbScope scope, String customer, BigDecimal total) {
        return insert(scope, new OrdersRecord().setCustomer(customer).setTotal(total));
    }
}
