package dev.lumen.db.spring.autoconfigure;

import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.spring.LumenTransactional;
import dev.lumen.db.spring.tx.LumenTransactionInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * The advisor behind {@link LumenTransactional}, an infrastructure bean like Spring's own transaction advisor,
 * so the auto-proxy creator that {@code @EnableTransactionManagement} registers applies it. Its collaborators
 * are looked up on first use: an advisor is created while bean post-processors are still being registered,
 * and resolving the database (and the meter registry) that early would leave them unprocessed.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class LumenTransactionalConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor lumenTransactionalAdvisor(ObjectProvider<PlatformTransactionManager> transactionManager,
            ObjectProvider<TransactionRunner> runner, ObjectProvider<MeterRegistry> registry) {
        ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(LumenTransactional.class, true))
                .union(new AnnotationMatchingPointcut(null, LumenTransactional.class, true));
        LumenTransactionInterceptor interceptor = new LumenTransactionInterceptor(
                SingletonSupplier.of(transactionManager::getObject), SingletonSupplier.of(runner::getObject),
                SingletonSupplier.of(() -> registry.getIfAvailable(() -> Metrics.globalRegistry)));
        return new DefaultPointcutAdvisor(pointcut, interceptor);
    }
}
