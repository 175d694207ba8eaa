package dev.lumen.db.bench;

import java.util.concurrent.Callable;

/**
 * Runs one lumen-db body in a loop for a while, for a profiler (JFR) to sample:
 * {@code java -XX:StartFlightRecording:filename=find.jfr,settings=profile -cp lumen-db-bench.jar
 * dev.lumen.db.bench.ProfileLoop find 30}. Bodies: {@code find}, {@code insert}, {@code find-jdbc},
 * {@code insert-jdbc}.
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
        Workloads work = new Workloads(BenchFixture.shared());
        Callable<?> body = switch (args[0]) {
            case "find" -> work::lumenFind;
            case "insert" -> work::lumenInsert;
            case "find-jdbc" -> work::jdbcFind;
            case "insert-jdbc" -> work::jdbcInsert;
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
