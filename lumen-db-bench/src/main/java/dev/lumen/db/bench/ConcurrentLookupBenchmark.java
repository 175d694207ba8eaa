package dev.lumen.db.bench;

import dev.lumen.db.schema.tables.pojos.User;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/** Scenario 5: 32 client threads on the pool of 8, primary-key lookups, throughput. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(ConcurrentLookupBenchmark.CLIENTS)
public class ConcurrentLookupBenchmark {

    /** Client threads. */
    public static final int CLIENTS = 32;

    /**
     * Lookups through the repository.
     *
     * @param state the fixture
     * @return the user
     */
    @Benchmark
    public User lumen(FixtureState state) {
        return state.work.lumenFind();
    }

    /**
     * The same lookups by hand.
     *
     * @param state the fixture
     * @return the user
     */
    @Benchmark
    public Workloads.UserRow jdbc(FixtureState state) {
        return state.work.jdbcFind();
    }
}
