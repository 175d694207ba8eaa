package dev.lumen.db.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TcpRelay;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The network stops answering but keeps connections open (a black hole): every in-flight query fails within the
 * socket timeout + 1 s and every borrow within the acquire timeout + 1 s, and no thread hangs.
 */
@LumenDbTest
class BlackHoleTest {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);

    /** What one caller saw. */
    record Outcome(String what, Duration elapsed, Throwable failure) {
    }

    @Test
    void whenTheNetworkBlackHolesThenEveryQueryAndBorrowFailsWithinItsTimeoutPlusOneSecond(TestDatabase database)
            throws Exception {
        URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (TcpRelay relay = TcpRelay.start(server.getHost(), server.getPort());
                LumenDb db = LumenDb.start(TestConfigs.forDatabase(database, Map.of(
                        "lumen.db.url", "jdbc:postgresql://127.0.0.1:" + relay.port() + server.getPath(),
                        "lumen.db.pool.max-size", "4", "lumen.db.pool.min-idle", "4",
                        "lumen.db.pool.acquire-timeout", "1s", "lumen.db.connect-timeout", "2s",
                        "lumen.db.socket-timeout", "2s")), new SimpleMeterRegistry())) {
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            List<CompletableFuture<Outcome>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> timed("in-flight query",
                        () -> db.dsl().selectOne().from(org.jooq.impl.DSL.table("pg_sleep(1)")).fetch()), threads));
            }
            Thread.sleep(200);
            relay.blackHole(true);
            List<CompletableFuture<Outcome>> borrows = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                borrows.add(CompletableFuture.supplyAsync(() -> timed("borrow", () -> {
                    try (Connection connection = db.dataSource().getConnection()) {
                        connection.isValid(1);
                    }
                    return null;
                }), threads));
            }

            List<Outcome> queries = inFlight.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList();
            List<Outcome> borrowed = borrows.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList();
            threads.shutdownNow();

            Figures.report("black hole", String.format(
                    "in-flight queries failed after %s ms (socket timeout %d ms); borrows failed after %s ms (acquire"
                            + " timeout %d ms); all %d callers returned",
                    queries.stream().map(o -> o.elapsed().toMillis()).toList(), SOCKET_TIMEOUT.toMillis(),
                    borrowed.stream().map(o -> o.elapsed().toMillis()).toList(), ACQUIRE_TIMEOUT.toMillis(),
                    queries.size() + borrowed.size()));
            assertThat(queries).allSatisfy(o -> {
                assertThat(o.failure()).isInstanceOf(UnavailableException.class);
                assertThat(o.elapsed()).isLessThan(SOCKET_TIMEOUT.plusSeconds(1));
            });
            assertThat(borrowed).allSatisfy(o -> {
                assertThat(o.failure()).as("a borrow through a black hole").isNotNull();
                assertThat(o.elapsed()).isLessThan(ACQUIRE_TIMEOUT.plus(SOCKET_TIMEOUT).plusSeconds(1));
            });

            relay.blackHole(false);
            relay.cutConnections();
            long recovering = System.nanoTime();
            while (true) {
                try {
                    db.dsl().selectOne().fetch();
                    break;
                } catch (UnavailableException e) {
                    Thread.sleep(50);
                }
            }
            Figures.report("black hole", "served again " + (System.nanoTime() - recovering) / 1_000_000
                    + " ms after the network came back");
        }
    }

    @FunctionalInterface
    interface Work {
        Object run() throws Exception;
    }

    private static Outcome timed(String what, Work work) {
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            work.run();
        } catch (Exception e) {
            failure = e;
        }
        return new Outcome(what, Duration.ofNanos(System.nanoTime() - started), failure);
    }
}
