package dev.lumen.db.spring.autoconfigure;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.spring.health.LumenDbHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code lumendb} health contributor, when Spring Boot's health support is on the classpath
 * ({@code management.health.lumendb.enabled=false} turns it off). Boot's own {@code db} ping is off by default
 * next to it ({@link LumenDbEnvironmentPostProcessor}): the same pool would be pinged twice.
 */
@AutoConfiguration(after = LumenDbAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(LumenDb.class)
public final class LumenDbHealthAutoConfiguration {

    LumenDbHealthAutoConfiguration() {
    }

    /** Nested, so the health condition's class is only loaded once the class condition above has matched. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("lumendb")
    static class Indicator {

        @Bean
        @ConditionalOnMissingBean(name = "lumendbHealthIndicator")
        LumenDbHealthIndicator lumendbHealthIndicator(LumenDb db, LumenDbProperties properties) {
            return new LumenDbHealthIndicator(db.health(), new Status(properties.getDegradedStatus()));
        }
    }
}
