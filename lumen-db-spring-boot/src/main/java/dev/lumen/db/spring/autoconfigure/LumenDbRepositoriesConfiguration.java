package dev.lumen.db.spring.autoconfigure;

import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.UserRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The repositories of lumen-db-repositories, when it is on the classpath. They are stateless: each call takes
 * the scope to run in, and inside a Spring transaction {@code LumenDb} itself is that scope (its
 * {@code DSLContext} runs on the transaction's connection).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(UserRepository.class)
class LumenDbRepositoriesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UserRepository userRepository() {
        return new UserRepository();
    }

    @Bean
    @ConditionalOnMissingBean
    RoleRepository roleRepository() {
        return new RoleRepository();
    }

    @Bean
    @ConditionalOnMissingBean
    FeatureRepository featureRepository() {
        return new FeatureRepository();
    }
}
