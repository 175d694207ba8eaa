package dev.lumen.db.bench;

import dev.lumen.db.bench.schema.tables.pojos.BenchWideRow;
import dev.lumen.db.repository.Page;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.schema.tables.pojos.User;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Scenarios 1 to 4 as JMH benchmarks: each pair of methods ({@code xLumen} / {@code xJdbc}) does the same work
 * on the same pool; the ratio is the median (p50 of {@link Mode#SampleTime}) of one over the other.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LatencyBenchmarks {

    /**
     * 1. Primary-key lookup through {@code UserRepository.find}.
     *
     * @param state the fixture
     * @return the user
     */
    @Benchmark
    public User pkLookupLumen(FixtureState state) {
        return state.work.lumenFind();
    }

    /**
     * 1. The same lookup by hand.
     *
     * @param state the fixture
     * @return the user
     */
    @Benchmark
    public Workloads.UserRow pkLookupJdbc(FixtureState state) {
        return state.work.jdbcFind();
    }

    /**
     * 2. Filtered list of 50 through {@code FeatureRepository.list}.
     *
     * @param state the fixture
     * @return the page
     */
    @Benchmark
    public Page<Feature> filteredListLumen(FixtureState state) {
        return state.work.lumenList();
    }

    /**
     * 2. The same page by hand.
     *
     * @param state the fixture
     * @return the page
     */
    @Benchmark
    public Page<Feature> filteredListJdbc(FixtureState state) {
        return state.work.jdbcList();
    }

    /**
     * 3. Insert returning the stored row through {@code UserRepository.create}.
     *
     * @param state the fixture
     * @return the user
     */
    @Benchmark
    public User insertLumen(FixtureState state) {
        return state.work.lumenInsert();
    }

    /**
     * 3. The same insert by hand.
     *
     * @param state the fixture
     * @return the user
     */
    @Benchmark
    public Workloads.UserRow insertJdbc(FixtureState state) {
        return state.work.jdbcInsert();
    }

    /**
     * 4. Transaction of two statements through the runner.
     *
     * @param state the fixture
     * @return the user read
     */
    @Benchmark
    public User transactionLumen(FixtureState state) {
        return state.work.lumenTransaction();
    }

    /**
     * 4. The same transaction by hand.
     *
     * @param state the fixture
     * @return the user read
     */
    @Benchmark
    public Workloads.UserRow transactionJdbc(FixtureState state) {
        return state.work.jdbcTransaction();
    }

    /**
     * Wide-table lookup (text[], integer[], jsonb, enum) through {@code TableRepository.find}.
     *
     * @param state the fixture
     * @return the row
     */
    @Benchmark
    public BenchWideRow wideLookupLumen(FixtureState state) {
        return state.wide.lumenFind();
    }

    /**
     * The same wide lookup by hand.
     *
     * @param state the fixture
     * @return the row
     */
    @Benchmark
    public BenchWideRow wideLookupJdbc(FixtureState state) {
        return state.wide.jdbcFind();
    }

    /**
     * Wide-table insert returning the stored row through {@code TableRepository.insert}.
     *
     * @param state the fixture
     * @return the row
     */
    @Benchmark
    public BenchWideRow wideInsertLumen(FixtureState state) {
        return state.wide.lumenInsert();
    }

    /**
     * The same wide insert by hand.
     *
     * @param state the fixture
     * @return the row
     */
    @Benchmark
    public BenchWideRow wideInsertJdbc(FixtureState state) {
        return state.wide.jdbcInsert();
    }
}
