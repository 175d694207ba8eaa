package dev.lumen.db.bench;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.spring.tx.LumenTransactionManager;
import dev.lumen.db.spring.tx.SpringAmbientTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * "Repository call in {@code @Transactional}" as a Spring Boot service runs it, without the Boot context around
 * it: a JDK proxy with Spring's own {@link TransactionInterceptor} reading {@code @Transactional}, over
 * lumen-db-spring-boot's {@link LumenTransactionManager}, with the repositories joining through
 * {@link SpringAmbientTransactions}. Its baseline is the same two repository calls through lumen-db's plain
 * runner, on the same {@code LumenDb} and pool.
 */
final class SpringWorkloads implements AutoCloseable {

    /** What the service offers; a JDK proxy needs an interface. */
    interface Logins {
        /**
         * Reads one user and stamps another's last login, in one transaction.
         *
         * @param read    the user to read
         * @param stamped the user whose last login to stamp
         * @return the user read
         */
        User readAndStamp(UUID read, UUID stamped);
    }

    /** The application's service, as written in a Spring Boot application. */
    static final class LoginService implements Logins {
        private final LumenDb db;
        private final UserRepository users;

        LoginService(LumenDb db, UserRepository users) {
            this.db = db;
            this.users = users;
        }

        @Override
        @Transactional
        public User readAndStamp(UUID read, UUID stamped) {
            User user = users.find(db, read).orElseThrow();
            users.updateLastLogin(db, stamped);
            return user;
        }
    }

    private final BenchFixture fixture;
    private final LumenDb db;
    private final Logins service;

    SpringWorkloads(BenchFixture fixture) {
        this(fixture, fixture.postgres().getPort());
    }

    /**
     * Workloads whose pool connects to {@code port} (the server's, or a round-trip counter in front of it).
     *
     * @param fixture the fixture (data, repositories)
     * @param port    where the pool connects
     */
    SpringWorkloads(BenchFixture fixture, int port) {
        this.fixture = fixture;
        SpringAmbientTransactions ambient = new SpringAmbientTransactions();
        this.db = LumenDb.start(BenchFixture.config(port, BenchFixture.DATABASE), new SimpleMeterRegistry(), ambient);
        ambient.bind(db.dataSource());
        LumenTransactionManager manager = new LumenTransactionManager(db.dataSource());
        manager.afterPropertiesSet();
        ProxyFactory proxy = new ProxyFactory(new LoginService(db, fixture.users()));
        proxy.addInterface(Logins.class);
        proxy.addAdvice(new TransactionInterceptor(manager, new AnnotationTransactionAttributeSource()));
        this.service = (Logins) proxy.getProxy(SpringWorkloads.class.getClassLoader());
    }

    /**
     * Through {@code @Transactional}.
     *
     * @return the user read
     */
    User spring() {
        return service.readAndStamp(fixture.randomUserId(), fixture.randomUserId());
    }

    /**
     * Through the runner, on the same {@code LumenDb}.
     *
     * @return the user read
     */
    User runner() {
        UUID read = fixture.randomUserId();
        UUID stamped = fixture.randomUserId();
        return db.transactions().call(tx -> {
            User user = fixture.users().find(tx, read).orElseThrow();
            fixture.users().updateLastLogin(tx, stamped);
            return user;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
