package dev.lumen.db.repository.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestLumenDb;
import dev.lumen.db.core.error.CheckViolationException;
import dev.lumen.db.repository.PageRequest;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.guide.schema.tables.pojos.Order;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

@LumenDbTest(locations = "classpath:fixtures/guide") // in your project: @LumenDbTest (your migrations/)
class OrderRepositoryTest {

    private final OrderRepository orders = new OrderRepository();

    @Test
    void placesListsAndSoftDeletesOrders(TestDatabase database) {
        try (LumenDb db = TestLumenDb.start(database)) {
            Order small = orders.place(db, "ada", new BigDecimal("9.50"));
            Order large = orders.place(db, "ada", new BigDecimal("120.00"));
            orders.place(db, "grace", new BigDecimal("75.00"));

            var page = orders.list(db, new OrderFilter("ada", null, new BigDecimal("10")),
                    Sort.parse("-total", OrderSort.class), PageRequest.first(10));

            assertThat(page.items()).containsExactly(large);
            assertThat(orders.get(db, small.id()).status()).isEqualTo("open");
            assertThat(orders.delete(db, small.id())).isTrue();
            assertThat(orders.find(db, small.id())).isEmpty();
            assertThat(orders.count(db, new OrderFilter("ada", null, null))).isEqualTo(1);
            assertThatExceptionOfType(CheckViolationException.class)
                    .isThrownBy(() -> orders.place(db, "ada", new BigDecimal("-1")))
                    .satisfies(e -> assertThat(e.constraint()).isEqualTo("orders_total_check"));
        }
    }
}
