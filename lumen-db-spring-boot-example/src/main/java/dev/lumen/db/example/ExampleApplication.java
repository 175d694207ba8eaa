package dev.lumen.db.example;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The example service. Without {@code lumen.db.url} (property, {@code LUMEN_DB_URL} or {@code --lumen.db.url=})
 * it starts an embedded PostgreSQL first and points lumen-db at it; lumen-db migrates it at start-up.
 */
@SpringBootApplication
public class ExampleApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=8081}
     */
    public static void main(String[] args) {
        start(args);
    }

    /**
     * Starts the service and returns its context; closing the context stops the embedded PostgreSQL too.
     *
     * @param args Spring Boot arguments
     * @return the running context
     */
    static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(ExampleApplication.class);
        if (!configured(args)) {
            EmbeddedDatabase database = EmbeddedDatabase.start();
            application.setDefaultProperties(Map.of("lumen.db.url", database.jdbcUrl(),
                    "lumen.db.user", EmbeddedDatabase.USER, "lumen.db.ssl.mode", "disable"));
            application.addListeners(event -> {
                if (event instanceof ContextClosedEvent) {
                    database.close();
                }
            });
        }
        return application.run(args);
    }

    private static boolean configured(String[] args) {
        if (System.getenv("LUMEN_DB_URL") != null || System.getProperty("lumen.db.url") != null) {
            return true;
        }
        for (String arg : args) {
            if (arg.startsWith("--lumen.db.url=")) {
                return true;
            }
        }
        return false;
    }
}
