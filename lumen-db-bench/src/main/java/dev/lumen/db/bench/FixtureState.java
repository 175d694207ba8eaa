package dev.lumen.db.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH state shared by the lumen-db and the JDBC method of a benchmark: the JVM's one {@link BenchFixture}
 * (embedded PostgreSQL, seeded data, one pool) and the bodies over it.
 */
@State(Scope.Benchmark)
public class FixtureState {

    /** The fixture. */
    public BenchFixture fixture;
    /** The bodies. */
    public Workloads work;
    /** The wide-table bodies. */
    public WideWorkloads wide;

    /** Starts (or reuses) the fixture. */
    @Setup(Level.Trial)
    public void start() {
        fixture = BenchFixture.shared();
        work = new Workloads(fixture);
        wide = new WideWorkloads(fixture);
    }
}
