package dev.lumen.db.spring.autoconfigure;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.schema.DefaultSchema;
import dev.lumen.db.spring.autoconfigure.LumenDbProperties.ExceptionFamily;
import dev.lumen.db.spring.error.SpringExceptionTranslatingListener;
import dev.lumen.db.spring.error.SpringExceptionsRunner;
import dev.lumen.db.spring.error.VersionCheck;
import dev.lumen.db.spring.tx.LumenTransactionManager;
import dev.lumen.db.spring.tx.SpringAmbientTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Schema;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.TransactionManager;

/**
 * lumen-db in a Spring Boot application. Boot owns the context; lumen-db owns the pool, the jOOQ configuration
 * and the transaction semantics. Every bean backs off when the application defines its own:
 * <ul>
 *   <li>{@link LumenDb}, started from {@code lumen.db.*} (or Boot's {@link JdbcConnectionDetails}), migrated
 *       first when {@code lumen.db.spring.migrate-on-startup} is on, so every bean using the database starts
 *       after the migrations;</li>
 *   <li>its pool as the one {@link DataSource} ({@code JdbcTemplate} and friends use it: Boot's pool backs
 *       off);</li>
 *   <li>one jOOQ {@link Configuration} and {@link DSLContext}, with lumen-db's listeners and none of Boot's
 *       exception translator (Boot's jOOQ auto-configuration backs off);</li>
 *   <li>the {@link TransactionRunner}, the repositories, and a {@link LumenTransactionManager} through which
 *       {@code @Transactional}, the runner, the {@code DSLContext}, repositories and {@code JdbcTemplate} share
 *       one connection and one transaction;</li>
 *   <li>a {@link Flyway} configured as lumen-db's migrator, for {@code /actuator/flyway} (Boot's Flyway
 *       auto-configuration backs off, so migrations run once, through lumen-db).</li>
 * </ul>
 */
@AutoConfiguration(
        before = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class},
        beforeName = {"org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration"})
@EnableConfigurationProperties(LumenDbProperties.class)
@Import({LumenDbRepositoriesConfiguration.class, LumenTransactionalConfiguration.class})
public final class LumenDbAutoConfiguration {

    LumenDbAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    SpringAmbientTransactions lumenDbAmbientTransactions() {
        return new SpringAmbientTransactions();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LumenDb lumenDb(Environment environment, LumenDbProperties properties,
            ObjectProvider<JdbcConnectionDetails> connectionDetails, ObjectProvider<MeterRegistry> registry,
            SpringAmbientTransactions ambient, ObjectProvider<Schema> expectedSchema) {
        VersionCheck.verify();
        DatabaseConfig config = CoreProperties.load(Binder.get(environment), connectionDetails.getIfAvailable());
        LumenDb db = LumenDb.start(config, registry.getIfAvailable(() -> Metrics.globalRegistry), ambient,
                expectedSchema.getIfUnique(() -> DefaultSchema.DEFAULT_SCHEMA));
        try {
            ambient.bind(db.dataSource());
            if (properties.getExceptions() == ExceptionFamily.SPRING) {
                appendListener(db.dsl().configuration());
            }
            if (properties.isMigrateOnStartup()) {
                db.migrator().up();
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Adds Spring's translation after lumen-db's listeners, on the configuration the shared {@code DSLContext}
     * and every transaction's {@code DSLContext} derive from, before anything has used it.
     */
    private static void appendListener(Configuration configuration) {
        ExecuteListenerProvider[] own = configuration.executeListenerProviders();
        ExecuteListenerProvider[] all = Arrays.copyOf(own, own.length + 1);
        all[own.length] = new DefaultExecuteListenerProvider(new SpringExceptionTranslatingListener());
        configuration.set(all);
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(DataSource.class)
    DataSource dataSource(LumenDb db) {
        return db.dataSource();
    }

    @Bean
    @ConditionalOnMissingBean(Configuration.class)
    Configuration jooqConfiguration(LumenDb db) {
        return db.dsl().configuration();
    }

    @Bean
    @ConditionalOnMissingBean(DSLContext.class)
    DSLContext dslContext(LumenDb db, Configuration configuration) {
        // The application's own Configuration, when it has one, gets a DSLContext of its own.
        return configuration == db.dsl().configuration() ? db.dsl() : DSL.using(configuration);
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionRunner transactionRunner(LumenDb db, LumenDbProperties properties) {
        return properties.getExceptions() == ExceptionFamily.SPRING ? new SpringExceptionsRunner(db.transactions())
                : db.transactions();
    }

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    LumenTransactionManager transactionManager(LumenDb db, LumenDbProperties properties,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        LumenTransactionManager manager = new LumenTransactionManager(db.dataSource());
        manager.setSpringExceptions(properties.getExceptions() == ExceptionFamily.SPRING);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    @Bean
    @ConditionalOnMissingBean(Flyway.class)
    Flyway flyway(LumenDb db) {
        return db.migrator().inspector();
    }
}
