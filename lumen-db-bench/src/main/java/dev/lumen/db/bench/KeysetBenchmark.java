package dev.lumen.db.bench;

import dev.lumen.db.repository.KeysetPage;
import dev.lumen.db.repository.Page;
import dev.lumen.db.repository.features.Feature;
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
 * Scenario 8: keyset page 1,000 (cursor after 100,000 rows, pages of 100) against page 1, through
 * {@code FeatureRepository.listKeyset}; OFFSET 100,000 for contrast.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeysetBenchmark {

    /** Rows before page 1,000. */
    public static final int DEPTH = 100_000;

    /** The cursor of page 1,000. */
    @State(Scope.Benchmark)
    public static class Cursor {
        /** The opaque cursor after 100,000 rows. */
        public String deep;

        /**
         * Walks to it.
         *
         * @param state the fixture
         */
        @Setup(Level.Trial)
        public void walk(FixtureState state) {
            deep = state.fixture.keysetCursorAfter(DEPTH);
        }
    }

    /**
     * Keyset page 1.
     *
     * @param state the fixture
     * @return the page
     */
    @Benchmark
    public KeysetPage<Feature> page1(FixtureState state) {
        return state.work.keysetPage(null);
    }

    /**
     * Keyset page 1,000.
     *
     * @param state  the fixture
     * @param cursor the cursor
     * @return the page
     */
    @Benchmark
    public KeysetPage<Feature> page1000(FixtureState state, Cursor cursor) {
        return state.work.keysetPage(cursor.deep);
    }

    /**
     * OFFSET 100,000.
     *
     * @param state the fixture
     * @return the page
     */
    @Benchmark
    public Page<Feature> offset100k(FixtureState state) {
        return state.work.offsetPage(DEPTH);
    }
}
