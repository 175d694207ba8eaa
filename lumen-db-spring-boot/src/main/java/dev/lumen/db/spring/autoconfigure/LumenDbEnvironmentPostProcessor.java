package dev.lumen.db.spring.autoconfigure;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that every other source overrides: Boot's {@code db} health indicator is off, because the
 * {@code lumendb} contributor pings the same pool and reports much more. {@code management.health.db.enabled=true}
 * brings it back.
 */
public final class LumenDbEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source holding the defaults. */
    public static final String SOURCE = "lumenDbDefaults";

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public LumenDbEnvironmentPostProcessor() {
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of("management.health.db.enabled", "false")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
