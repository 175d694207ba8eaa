package dev.lumen.db.spring;

import static dev.lumen.db.schema.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Migrations run when the context starts, before any bean that uses the database: an application bean reading a
 * migrated table in its constructor finds it on an empty database; with migrations switched off it does not.
 */
@LumenDbTest(migrated = false)
class MigrateOnStartupTest {

    @Test
    void whenTheContextStartsThenTheMigrationsRanBeforeTheBeansThatUseTheDatabase(TestDatabase database) {
        Contexts.runner(database).withPropertyValues("lumen.db.spring.migrate-on-startup=false")
                .withUserConfiguration(Probes.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("roles"));

        Contexts.runner(database).withUserConfiguration(Probes.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Probe.class).rolesAtStartup()).isZero();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Probes {
        @Bean
        Probe probe(DSLContext dsl) {
            return new Probe(dsl.fetchCount(ROLES));
        }
    }

    /** What an application bean saw while it was being created. */
    record Probe(int rolesAtStartup) {
    }
}
