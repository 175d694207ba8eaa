package dev.lumen.db.bench;

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
 * Scenario 7: one bulk insert per iteration (single shot), the table truncated before each: repository
 * {@code insertAll} of 100k, raw COPY of 100k, and 5k row-by-row INSERTs (scaled to rows per second in the report).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkInsertBenchmark {

    /** The bulk database and its rows. */
    @State(Scope.Benchmark)
    public static class Bulk {
        /** The bodies. */
        public BulkWorkloads work;

        /**
         * Clones a database for bulk inserts.
         *
         * @param state the fixture
         */
        @Setup(Level.Trial)
        public void start(FixtureState state) {
            work = new BulkWorkloads(state.fixture.cloneDatabase("lumen_bench_bulk"), state.fixture.users());
        }

        /** Empties the table before every iteration. */
        @Setup(Level.Iteration)
        public void truncate() {
            work.truncate();
        }
    }

    /**
     * {@code TableRepository.insertAll}, 100k rows.
     *
     * @param bulk the state
     * @return rows
     */
    @Benchmark
    public long repository(Bulk bulk) {
        return bulk.work.repository();
    }

    /**
     * Raw pgjdbc COPY, 100k rows.
     *
     * @param bulk the state
     * @return rows
     */
    @Benchmark
    public long copy(Bulk bulk) {
        return bulk.work.copy();
    }

    /**
     * Row by row, 5k rows.
     *
     * @param bulk the state
     * @return rows
     */
    @Benchmark
    public long rowByRow(Bulk bulk) {
        return bulk.work.rowByRow();
    }
}
