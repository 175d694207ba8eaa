package dev.lumen.db.bench;

import java.util.concurrent.Callable;

/**
 * Runs one lumen-db body in a loop for a while, for a profiler (JFR) to sample:
 * {@code java -XX:StartFlightRecording:filename=find.jfr,settings=profile -cp lumen-db-bench.jar
 * dev.lumen.db.bench.ProfileLoop find 30}. Bodies: {@code find}, {@code insert}, {@code find-jdbc},
 * {@code insert-jdbc}, and over a mock connection (CPU only) {@code find-mock}, {@code insert-mock}.
 */
public final class ProfileLoop {

    private ProfileLoop() {
    }

    /**
     * Entry point.
     *
     * @param args body and seconds
     * @throws Exception when the body fails
     */
    public static void main(String[] args) throws Exception {
        BenchFixture fixture = BenchFixture.shared();
        Workloads work = new Workloads(fixture);
        ListenerScopes scopes = new ListenerScopes(fixture.db());
        Callable<?> body = switch (args[0]) {
            case "find" -> work::lumenFind;
            case "insert" -> work::lumenInsert;
            case "find-jdbc" -> work::jdbcFind;
            case "list" -> work::lumenList;
            case "list-jdbc" -> work::jdbcList;
            case "insert-jdbc" -> work::jdbcInsert;
            case "find-mock" -> () -> work.lumenFind(scopes.mockOn());
            case "insert-mock" -> () -> fixture.users().create(scopes.mockOn(),
                    new dev.lumen.db.repository.users.NewUser("mock@bench.example", "$2a$10$hash", "Ada", "Lovelace"));
            default -> throw new IllegalArgumentException(args[0]);
        };
        long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        long calls = 0;
        while (System.nanoTime() < deadline) {
            body.call();
            calls++;
        }
        System.out.println(args[0] + ": " + calls + " calls");
        System.exit(0);
    }
}
