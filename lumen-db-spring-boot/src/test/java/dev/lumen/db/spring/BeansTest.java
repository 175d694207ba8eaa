package dev.lumen.db.spring;

import static dev.lumen.db.schema.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.spring.health.LumenDbHealthIndicator;
import dev.lumen.db.spring.tx.LumenTransactionManager;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Acceptance 4: one pool, one {@code DSLContext}, one jOOQ {@code Configuration} and one {@code Flyway} even
 * with Boot's jOOQ and Flyway auto-configurations present; an application bean of each type replaces lumen-db's;
 * the context starts without Actuator; {@code JdbcConnectionDetails} wins over {@code lumen.db.url}; typed errors
 * stay lumen-db's unless the switch asks for Spring's.
 */
@LumenDbTest
class BeansTest {

    private final TestDatabase database;
    private final ApplicationContextRunner runner;

    BeansTest(TestDatabase database) {
        this.database = database;
        this.runner = Contexts.runner(database)
                .withConfiguration(AutoConfigurations.of(JooqAutoConfiguration.class, FlywayAutoConfiguration.class));
    }

    @Test
    void whenBootsJooqAndFlywayAutoConfigurationsArePresentThenThereIsExactlyOneOfEachAndItIsLumenDbs() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            LumenDb db = context.getBean(LumenDb.class);
            assertThat(context).hasSingleBean(DSLContext.class).hasSingleBean(Configuration.class)
                    .hasSingleBean(Flyway.class).hasSingleBean(DataSource.class)
                    .hasSingleBean(PlatformTransactionManager.class).hasSingleBean(TransactionRunner.class)
                    .hasSingleBean(UserRepository.class).hasSingleBean(RoleRepository.class)
                    .hasSingleBean(LumenDbHealthIndicator.class);
            assertThat(context.getBean(DSLContext.class)).isSameAs(db.dsl());
            assertThat(context.getBean(Configuration.class)).isSameAs(db.dsl().configuration());
            assertThat(context.getBean(DataSource.class)).isSameAs(db.dataSource());
            assertThat(context.getBean(JdbcTemplate.class).getDataSource()).isSameAs(db.dataSource());
            assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(LumenTransactionManager.class);
            assertThat(context.getBean(TransactionRunner.class)).isSameAs(db.transactions());
            // None of Boot's translator in the configuration: failures keep lumen-db's types.
            assertThat(Arrays.stream(db.dsl().configuration().executeListenerProviders())
                    .map(ExecuteListenerProvider::provide))
                    .noneMatch(listener -> listener instanceof ExceptionTranslatorExecuteListener);
            DSLContext dsl = context.getBean(DSLContext.class);
            dsl.insertInto(ROLES).set(ROLES.NAME, "unique-once").execute();
            assertThatExceptionOfType(UniqueViolationException.class)
                    .isThrownBy(() -> dsl.insertInto(ROLES).set(ROLES.NAME, "unique-once").execute())
                    .satisfies(e -> assertThat(e.constraint()).isEqualTo("roles_name_key"));
            dsl.deleteFrom(ROLES).execute();
            // The Flyway bean reads lumen-db's history: every applied migration is there.
            assertThat(context.getBean(Flyway.class).info().applied()).isNotEmpty();
        });
    }

    @Test
    void whenTheApplicationDefinesItsOwnBeansThenTheyReplaceLumenDbs() {
        DefaultConfiguration ownConfiguration = new DefaultConfiguration();
        ownConfiguration.set(SQLDialect.POSTGRES);
        Flyway ownFlyway = Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .load();
        DSLContext ownDsl = DSL.using(SQLDialect.POSTGRES);
        runner.withBean("ownConfiguration", Configuration.class, () -> ownConfiguration)
                .withBean("ownFlyway", Flyway.class, () -> ownFlyway)
                .withBean("ownDsl", DSLContext.class, () -> ownDsl)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Configuration.class)).isSameAs(ownConfiguration);
                    assertThat(context.getBean(Flyway.class)).isSameAs(ownFlyway);
                    assertThat(context.getBean(DSLContext.class)).isSameAs(ownDsl);
                    assertThat(context).hasSingleBean(LumenDb.class);
                });
        // An application Configuration without an application DSLContext gets a DSLContext on it.
        runner.withBean("ownConfiguration", Configuration.class, () -> ownConfiguration).run(context ->
                assertThat(context.getBean(DSLContext.class).configuration()).isSameAs(ownConfiguration));
    }

    @Test
    void whenActuatorIsNotOnTheClasspathThenTheContextStillStarts() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health",
                        "org.springframework.boot.actuate"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LumenDb.class).hasSingleBean(DSLContext.class)
                            .doesNotHaveBean(LumenDbHealthIndicator.class);
                    assertThat(context.getBean(DSLContext.class).fetchValue("SELECT 1")).isEqualTo(1);
                });
    }

    @Test
    void whenBootHasJdbcConnectionDetailsThenTheyWinOverLumenDbUrl() {
        JdbcConnectionDetails details = new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return database.user();
            }

            @Override
            public String getPassword() {
                return database.password();
            }

            @Override
            public String getJdbcUrl() {
                return database.jdbcUrl();
            }
        };
        runner.withPropertyValues("lumen.db.url=jdbc:postgresql://127.0.0.1:1/nowhere", "lumen.db.user=nobody")
                .withBean(JdbcConnectionDetails.class, () -> details)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LumenDb.class).server().database())
                            .isEqualTo(context.getBean(DSLContext.class).fetchValue("SELECT current_database()"));
                    assertThat(context.getBean(LumenDb.class).config().connection().url()).isEqualTo(database.jdbcUrl());
                });
    }

    @Test
    void whenSpringExceptionsAreSwitchedOnThenFailuresAreSpringsDataAccessExceptions() {
        runner.withPropertyValues("lumen.db.spring.exceptions=spring").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            dsl.insertInto(ROLES).set(ROLES.NAME, "spring-once").execute();
            try {
                assertThatExceptionOfType(DuplicateKeyException.class)
                        .isThrownBy(() -> dsl.insertInto(ROLES).set(ROLES.NAME, "spring-once").execute());
                assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> context
                        .getBean(TransactionRunner.class)
                        .run(tx -> tx.dsl().insertInto(ROLES).set(ROLES.NAME, "spring-once").execute()));
            } finally {
                dsl.deleteFrom(ROLES).execute();
            }
        });
    }

    @Test
    void whenTheServerIsUnreachableThenStartupFailsWithLumenDbsOneLineMessage() {
        runner.withPropertyValues("lumen.db.url=jdbc:postgresql://127.0.0.1:1/nowhere", "lumen.db.connect-timeout=1s",
                "lumen.db.pool.acquire-timeout=1s").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("127.0.0.1:1");
                });
    }
}
