package dev.lumen.db.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InflectorTest {

    @ParameterizedTest
    @CsvSource({
        // the seed tables: the names the old regex gave, so their generated code stays the same
        "users, user", "roles, role", "user_roles, user_role", "new_features, new_feature",
        // what the regex got wrong
        "addresses, address", "categories, category", "news, news", "statuses, status",
        // irregular, Latin and -f plurals; already singular or uncountable names stay
        "people, person", "children, child", "indices, index", "matrices, matrix", "analyses, analysis",
        "wolves, wolf", "knives, knife", "heroes, hero", "boxes, box", "batches, batch", "wishes, wish",
        "buses, bus", "quizzes, quiz", "women, woman", "order_items, order_item", "theses, thesis", "horses, horse", "cases, case", "courses, course",
        "status, status", "address, address", "series, series", "equipment, equipment", "data, datum",
        "user, user", "audit_log, audit_log", "tag2s, tag2s"
    })
    void whenATableNameIsPluralThenItsLastWordBecomesSingular(String table, String singular) {
        assertThat(Inflector.singular(table)).isEqualTo(singular);
    }
}
