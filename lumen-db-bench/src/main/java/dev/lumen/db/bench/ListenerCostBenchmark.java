package dev.lumen.db.bench;

import dev.lumen.db.schema.tables.pojos.User;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 6: the same repository lookup with lumen-db's listeners (error translation + metrics) on and off,
 * over the real pool and over a mock connection (CPU cost only).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListenerCostBenchmark {

    /** The scopes, built once per trial. */
    @State(Scope.Benchmark)
    public static class Scopes {
        /** The four scopes. */
        public ListenerScopes scopes;

        /**
         * Builds them.
         *
         * @param state the fixture
         */
        @Setup(Level.Trial)
        public void build(FixtureState state) {
            scopes = new ListenerScopes(state.fixture.db());
        }
    }

    /**
     * Real pool, listeners on.
     *
     * @param state  the fixture
     * @param scopes the scopes
     * @return the user
     */
    @Benchmark
    public User realOn(FixtureState state, Scopes scopes) {
        return state.work.lumenFind(scopes.scopes.realOn());
    }

    /**
     * Real pool, listeners off.
     *
     * @param state  the fixture
     * @param scopes the scopes
     * @return the user
     */
    @Benchmark
    public User realOff(FixtureState state, Scopes scopes) {
        return state.work.lumenFind(scopes.scopes.realOff());
    }

    /**
     * Mock connection, listeners on.
     *
     * @param state  the fixture
     * @param scopes the scopes
     * @return the user
     */
    @Benchmark
    public User mockOn(FixtureState state, Scopes scopes) {
        return state.work.lumenFind(scopes.scopes.mockOn());
    }

    /**
     * Mock connection, listeners off.
     *
     * @param state  the fixture
     * @param scopes the scopes
     * @return the user
     */
    @Benchmark
    public User mockOff(FixtureState state, Scopes scopes) {
        return state.work.lumenFind(scopes.scopes.mockOff());
    }
}
