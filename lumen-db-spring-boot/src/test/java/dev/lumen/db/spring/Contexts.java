package dev.lumen.db.spring;

import dev.lumen.db.spring.autoconfigure.LumenDbAutoConfiguration;
import dev.lumen.db.spring.autoconfigure.LumenDbHealthAutoConfiguration;
import dev.lumen.db.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/** Application contexts as a Spring Boot application would have them, on a test database. */
final class Contexts {

    private Contexts() {
    }

    /** Boot's JDBC and transaction auto-configurations with lumen-db's, pointed at the test database. */
    static ApplicationContextRunner runner(TestDatabase database) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LumenDbAutoConfiguration.class,
                        LumenDbHealthAutoConfiguration.class, DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        TransactionAutoConfiguration.class))
                .withPropertyValues(properties(database));
    }

    /** The test database as {@code lumen.db.*} properties, in the test profile (no TLS, small pool). */
    static String[] properties(TestDatabase database) {
        List<String> values = new ArrayList<>();
        values.add("lumen.db.env=test");
        for (Map.Entry<String, String> entry : database.lumenDbProperties().entrySet()) {
            values.add(entry.getKey() + "=" + entry.getValue());
        }
        return values.toArray(String[]::new);
    }
}
