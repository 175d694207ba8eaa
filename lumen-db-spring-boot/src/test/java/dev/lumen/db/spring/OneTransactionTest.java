package dev.lumen.db.spring;

import static dev.lumen.db.schema.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acceptance 2: inside one {@code @Transactional}, lumen-db's runner, the {@code DSLContext}, a repository and
 * {@code JdbcTemplate} run in the same server transaction on the same backend, and the outer rollback removes
 * all their rows; a nested runner call is a savepoint; a stricter isolation cannot join.
 */
@LumenDbTest
class OneTransactionTest {

    private final ApplicationContextRunner runner;

    OneTransactionTest(TestDatabase database) {
        this.runner = Contexts.runner(database).withUserConfiguration(Services.class);
    }

    @BeforeEach
    void clean(TestDatabase database) {
        runner.run(context -> context.getBean(DSLContext.class).deleteFrom(ROLES).execute());
    }

    /** Which transaction and backend one API ran in. */
    record Seen(String api, long txid, int pid) {
    }

    @Test
    void whenEveryApiRunsInsideTransactionalThenTheyShareTxidAndBackendAndTheRollbackRemovesAllRows() {
        runner.run(context -> {
            Service service = context.getBean(Service.class);
            List<Seen> seen = new CopyOnWriteArrayList<>();
            DSLContext dsl = context.getBean(DSLContext.class);

            assertThatExceptionOfType(Rollback.class).isThrownBy(() -> service.everyApi(seen, true));

            assertThat(seen).extracting(Seen::api).containsExactly("transactional", "runner", "dsl", "repository",
                    "jdbcTemplate");
            assertThat(seen).extracting(Seen::txid).containsOnly(seen.getFirst().txid());
            assertThat(seen).extracting(Seen::pid).containsOnly(seen.getFirst().pid());
            assertThat(dsl.fetchCount(ROLES)).isZero();
        });
    }

    @Test
    void whenTheTransactionalMethodReturnsThenEveryApisRowIsCommittedTogether() {
        runner.run(context -> {
            List<Seen> seen = new CopyOnWriteArrayList<>();
            context.getBean(Service.class).everyApi(seen, false);

            assertThat(context.getBean(DSLContext.class).select(ROLES.NAME).from(ROLES).orderBy(ROLES.NAME)
                    .fetch(ROLES.NAME)).containsExactly("by-dsl", "by-jdbc-template", "by-repository", "by-runner");
        });
    }

    @Test
    void whenANestedRunnerCallFailsThenOnlyItsSavepointIsUndone() {
        runner.run(context -> {
            context.getBean(Service.class).nestedFailure();

            assertThat(context.getBean(DSLContext.class).select(ROLES.NAME).from(ROLES).orderBy(ROLES.NAME)
                    .fetch(ROLES.NAME)).containsExactly("after", "before");
        });
    }

    @Test
    void whenSerializableIsAskedInsideReadCommittedThenItIsRefused() {
        runner.run(context -> {
            Service service = context.getBean(Service.class);

            assertThatIllegalStateException().isThrownBy(service::serializableRunnerInsideReadCommitted)
                    .withMessageContaining("SERIALIZABLE").withMessageContaining("READ_COMMITTED");
            assertThatExceptionOfType(IllegalTransactionStateException.class)
                    .isThrownBy(service::serializableTransactionalInsideReadCommitted)
                    .withMessageContaining("isolation");
        });
    }

    static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super("roll back");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {
        @Bean
        Service service(LumenDb db, DSLContext dsl, RoleRepository roles, JdbcTemplate jdbc) {
            return new Service(db, dsl, roles, jdbc);
        }

        @Bean
        Inner inner(LumenDb db) {
            return new Inner(db);
        }
    }

    /** Runs in whatever transaction is open. */
    public static class Inner {
        private final LumenDb db;

        Inner(LumenDb db) {
            this.db = db;
        }

        /** A participating method asking for a stricter level than the open transaction's. */
        @Transactional(isolation = Isolation.SERIALIZABLE)
        public void serializable() {
            db.dsl().fetchValue("SELECT 1");
        }
    }

    /** The application's service. */
    public static class Service {
        private final LumenDb db;
        private final DSLContext dsl;
        private final RoleRepository roles;
        private final JdbcTemplate jdbc;
        private Inner inner;

        Service(LumenDb db, DSLContext dsl, RoleRepository roles, JdbcTemplate jdbc) {
            this.db = db;
            this.dsl = dsl;
            this.roles = roles;
            this.jdbc = jdbc;
        }

        @org.springframework.beans.factory.annotation.Autowired
        void setInner(Inner inner) {
            this.inner = inner;
        }

        private static Seen seen(String api, DSLContext dsl) {
            var row = dsl.select(DSL.field("txid_current()", SQLDataType.BIGINT),
                    DSL.field("pg_backend_pid()", SQLDataType.INTEGER)).fetchSingle();
            return new Seen(api, row.value1(), row.value2());
        }

        @Transactional
        public void everyApi(List<Seen> seen, boolean rollback) {
            // Spring's own view of the transaction: the connection its transaction manager bound to the thread.
            Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
            try {
                seen.add(seen("transactional", DSL.using(connection, SQLDialect.POSTGRES)));
            } finally {
                DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
            }
            seen.add(db.transactions().call(tx -> {
                tx.dsl().insertInto(ROLES).set(ROLES.NAME, "by-runner").execute();
                return seen("runner", tx.dsl());
            }));
            dsl.insertInto(ROLES).set(ROLES.NAME, "by-dsl").execute();
            seen.add(seen("dsl", dsl));
            roles.create(db, "by-repository", "written by RoleRepository");
            // The repository's row was written by the transaction whose (32-bit) xid is in its xmin.
            long writer = dsl.select(DSL.field("xmin::text::bigint", SQLDataType.BIGINT)).from(ROLES)
                    .where(ROLES.NAME.eq("by-repository")).fetchSingle().value1();
            int pid = dsl.select(DSL.field("pg_backend_pid()", SQLDataType.INTEGER)).fetchSingle().value1();
            seen.add(new Seen("repository", writer, pid));
            jdbc.update("INSERT INTO roles (name) VALUES (?)", "by-jdbc-template");
            seen.add(new Seen("jdbcTemplate", jdbc.queryForObject("SELECT txid_current()", Long.class),
                    jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class)));
            if (rollback) {
                throw new Rollback();
            }
        }

        @Transactional
        public void nestedFailure() {
            dsl.insertInto(ROLES).set(ROLES.NAME, "before").execute();
            try {
                db.transactions().run(tx -> {
                    tx.dsl().insertInto(ROLES).set(ROLES.NAME, "inside").execute();
                    tx.dsl().insertInto(ROLES).set(ROLES.NAME, "before").execute();
                });
            } catch (UniqueViolationException expected) {
                // Only the savepoint is gone: the outer transaction carries on.
            }
            dsl.insertInto(ROLES).set(ROLES.NAME, "after").execute();
        }

        @Transactional(isolation = Isolation.READ_COMMITTED)
        public void serializableRunnerInsideReadCommitted() {
            db.transactions().run(TxOptions.serializable(), tx -> tx.dsl().fetchValue("SELECT 1"));
        }

        @Transactional(isolation = Isolation.READ_COMMITTED)
        public void serializableTransactionalInsideReadCommitted() {
            inner.serializable();
        }
    }
}
