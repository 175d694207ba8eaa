package dev.lumen.db.bench;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.test.TcpRelay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite and writes the report: {@code java -jar lumen-db-bench.jar quick|full [output folder]}.
 * First JMH (each benchmark in its own fork with its own embedded PostgreSQL), then, in this JVM, the paired
 * harness, the round-trip check, the thread comparisons, template clone, generator timing and pgbench.
 * {@code --no-jmh} skips the JMH part (the report then shows only the paired figures).
 */
public final class BenchMain {

    private static final String PACKAGE = "dev.lumen.db.bench.";

    /**
     * Settings of one mode.
     *
     * @param name            quick or full
     * @param warmups         JMH warmup iterations
     * @param warmupTime      JMH warmup iteration time
     * @param iterations      JMH measurement iterations
     * @param iterationTime   JMH measurement iteration time
     * @param bulkIterations  JMH single-shot iterations of the bulk benchmarks (and paired bulk rounds)
     * @param rounds          paired rounds
     * @param calls           calls per paired round
     * @param throughputRounds rounds of the thread comparisons
     * @param throughputMillis length of each half round
     * @param pgbenchSeconds  pgbench duration
     * @param cloneRuns       template clone / migrate runs
     * @param generateRuns    up-to-date generator runs
     * @param forks           JMH forks per benchmark (0: in this JVM, sharing one fixture)
     */
    record Mode(String name, int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime,
            int bulkIterations, int rounds, int calls, int throughputRounds, long throughputMillis, int pgbenchSeconds,
            int cloneRuns, int generateRuns, int forks) {

        static Mode of(String name) {
            return switch (name) {
                case "quick" -> new Mode("quick", 2, TimeValue.seconds(1), 3, TimeValue.seconds(1), 8, 40, 100, 10, 1000,
                        10, 10, 3, 0);
                case "full" -> new Mode("full", 5, TimeValue.seconds(2), 10, TimeValue.seconds(2), 10, 200, 200, 20,
                        1000, 30, 10, 5, 1);
                default -> throw new IllegalArgumentException("mode must be quick or full, got " + name);
            };
        }
    }

    /**
     * Entry point.
     *
     * @param args {@code quick|full [output folder] [--no-jmh]}
     * @throws Exception when a part fails
     */
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        List<String> positional = new ArrayList<>();
        boolean jmh = true;
        for (String arg : args) {
            if (arg.equals("--no-jmh")) {
                jmh = false;
            } else {
                positional.add(arg);
            }
        }
        Mode mode = Mode.of(positional.isEmpty() ? "quick" : positional.get(0));
        Path out = Path.of(positional.size() > 1 ? positional.get(1) : "src/docs");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");

        Map<String, RunResult> jmhResults = jmh ? runJmh(mode) : Map.of();
        BenchMain suite = new BenchMain(mode, jmhResults);
        List<ScenarioResult> scenarios = suite.runHarness();
        Map<String, String> environment = suite.environment(started);
        String command = System.getProperty("lumen.bench.command", "./benchmark " + mode.name());
        Report report = new Report(mode.name(), command, environment, scenarios, notes(mode, jmh));
        report.write(out);
        System.out.printf(Locale.ROOT, "%n[bench] wrote %s, %s and %s in %s (%.0f s)%n", Report.JSON, Report.MARKDOWN,
                Report.CHART, out, (System.nanoTime() - started) / 1e9);
        for (ScenarioResult s : scenarios) {
            System.out.printf(Locale.ROOT, "  %-60s %10s  %-18s %s%n", s.title(),
                    s.judged() == null ? "—" : Report.number(s.judged()), s.goal().describe(s.ratioUnit()), s.verdict());
        }
        System.exit(0);
    }

    private static Map<String, RunResult> runJmh(Mode mode) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(PACKAGE + "(LatencyBenchmarks|ConcurrentLookupBenchmark|ListenerCostBenchmark|KeysetBenchmark)\\.")
                .forks(mode.forks())
                .warmupIterations(mode.warmups()).warmupTime(mode.warmupTime())
                .measurementIterations(mode.iterations()).measurementTime(mode.iterationTime())
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true")
                .shouldFailOnError(true);
        Map<String, RunResult> results = new HashMap<>();
        collect(results, new Runner(options.build()).run());
        ChainedOptionsBuilder bulk = new OptionsBuilder()
                .include(PACKAGE + "BulkInsertBenchmark\\.")
                .forks(mode.forks())
                .warmupIterations(1).measurementIterations(mode.bulkIterations())
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true")
                .shouldFailOnError(true);
        collect(results, new Runner(bulk.build()).run());
        return results;
    }

    private static void collect(Map<String, RunResult> into, Collection<RunResult> results) {
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            into.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), result);
        }
    }

    private final Mode mode;
    private final Map<String, RunResult> jmh;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private @Nullable BenchFixture fixture;

    private BenchMain(Mode mode, Map<String, RunResult> jmh) {
        this.mode = mode;
        this.jmh = jmh;
    }

    /** JMH median (p50) of a benchmark, in its output unit; NaN when it did not run. */
    private double jmhMedian(String name) {
        RunResult result = jmh.get(name);
        return result == null ? Double.NaN : result.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private double jmhScore(String name) {
        RunResult result = jmh.get(name);
        return result == null ? Double.NaN : result.getPrimaryResult().getScore();
    }

    private static @Nullable Double ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? null : a / b;
    }

    private static void progress(String what) {
        System.out.println("[bench] " + what);
    }

    private List<ScenarioResult> runHarness() throws IOException, InterruptedException {
        List<ScenarioResult> rows = new ArrayList<>();
        progress("starting the harness fixture");
        BenchFixture f = BenchFixture.shared();
        fixture = f;
        Workloads work = new Workloads(f);
        int rounds = mode.rounds();
        int calls = mode.calls();

        progress("1. primary-key lookup");
        rows.add(latency("pk_lookup", "Primary-key lookup, repository, 1 thread", "LatencyBenchmarks.pkLookup",
                Paired.run(work::lumenFind, work::jdbcFind, 3, rounds, calls), Goal.atMost(1.05),
                "UserRepository.find vs SELECT of the same 11 columns by id (and deleted_at IS NULL), mapped into a "
                        + "record of those 11 columns (lumen-db maps into the generated User); random ids among 100k."));

        progress("2. filtered list");
        rows.add(latency("filtered_list", "Filtered list, 50 rows, indexed", "LatencyBenchmarks.filteredList",
                Paired.run(work::lumenList, work::jdbcList, 3, rounds, calls / 2), Goal.atMost(1.20),
                "FeatureRepository.list(enabled = true, newest first, 50) vs the same SELECT (LIMIT 51 to know hasNext, "
                        + "jsonb config parsed with Jackson into the same Feature record); served by idx_new_features_created."));

        progress("3. insert");
        rows.add(latency("insert", "Single insert returning the row", "LatencyBenchmarks.insert",
                Paired.run(work::lumenInsert, work::jdbcInsert, 3, rounds, calls / 2), Goal.atMost(1.05),
                "UserRepository.create vs INSERT ... RETURNING all columns (id and defaults), mapped into a record of the 11 columns. The table "
                        + "keeps growing during the run (unique e-mails); both sides insert into the same table alternately."));

        progress("3b. wide table: lookup and insert (text[], integer[], jsonb, enum)");
        WideWorkloads wide = new WideWorkloads(f);
        wide.checkSameRows(50);
        rows.add(latency("wide_lookup", "Wide-table lookup (arrays, jsonb, enum)", "LatencyBenchmarks.wideLookup",
                Paired.run(wide::lumenFind, wide::jdbcFind, 3, rounds, calls), Goal.atMost(1.10),
                "TableRepository.forTable(bench_wide_rows).find vs SELECT of the same 11 columns by id (text[] and "
                        + "integer[] through getArray, the enum by its literal, jsonb as text), mapped into the same "
                        + "generated BenchWideRow record; random ids among " + BenchFixture.WIDE_ROWS + "."));
        rows.add(latency("wide_insert", "Wide-table insert returning the row", "LatencyBenchmarks.wideInsert",
                Paired.run(wide::lumenInsert, wide::jdbcInsert, 3, rounds, calls / 2), Goal.atMost(1.10),
                "TableRepository.insert of a generated record setting 8 columns (text[], integer[], jsonb, enum among "
                        + "them) vs INSERT ... RETURNING by hand (createArrayOf, casts for the enum and jsonb), mapped "
                        + "into BenchWideRow."));

        progress("4. transaction of two statements, round trips on the wire");
        long[] trips = roundTrips(f);
        facts.put("Round trips per call (wire)", String.format(Locale.ROOT, "transaction: lumen-db %d, JDBC %d; lookup: lumen-db %d, JDBC %d; insert: lumen-db %d, JDBC %d", trips[0], trips[1], trips[2], trips[3], trips[4], trips[5]));
        ScenarioResult tx = latency("transaction", "Transaction of 2 statements, runner", "LatencyBenchmarks.transaction",
                Paired.run(work::lumenTransaction, work::jdbcTransaction, 3, rounds, calls / 2), Goal.atMost(1.15),
                "db.transactions().call(find + updateLastLogin) vs setAutoCommit(false), SELECT, UPDATE, commit. "
                        + "Round trips per transaction counted on the wire (client bursts that follow a server reply, "
                        + "through lumen-db-test's TcpRelay): lumen-db " + trips[0] + ", JDBC " + trips[1]
                        + (trips[0] == trips[1] ? " (same)." : " (DIFFERENT)."));
        if (trips[0] != trips[1]) {
            tx = new ScenarioResult(tx.id(), tx.title(), tx.lumen(), tx.baseline(), tx.unit(), tx.baselineLabel(),
                    tx.jmhRatio(), tx.pairedRatio(), tx.judged(), tx.judgedOn(), tx.ratioUnit(), tx.goal(), false,
                    tx.note() + " Missed because the round trips differ.");
        }
        rows.add(tx);

        progress("4b. repository call in @Transactional vs the plain runner");
        long[] springTrips = springRoundTrips(f);
        try (SpringWorkloads spring = new SpringWorkloads(f)) {
            // 300 warm-up rounds (15,000 calls a side) where the other rows take 3: JMH has warmed their paths in
            // this JVM but never ran Spring's interceptor, and measured by thread CPU time that path needs several
            // thousand calls before the JIT has compiled it (cold it costs 2-3x, warm the same as the runner); after
            // JMH's runs in this JVM, 5,000 were not always enough.
            Paired.Result inSpring = Paired.run(spring::spring, spring::runner, 300, rounds, calls / 2);
            rows.add(ScenarioResult.of("spring_transactional", "Repository call in @Transactional vs the plain runner",
                    inSpring.medianA() / 1000, inSpring.medianB() / 1000, "us/op", "runner", null, inSpring.ratio(),
                    inSpring.ratio(), "paired", "", Goal.atMost(1.05), String.format(Locale.ROOT,
                            "A @Transactional service method (Spring's TransactionInterceptor over lumen-db-spring-boot's "
                                    + "LumenTransactionManager; the repository joins through the ambient transaction) "
                                    + "doing the transaction row's find + updateLastLogin, vs the same two calls in "
                                    + "db.transactions().call on the same LumenDb and pool, after 15,000 warm-up calls a side. "
                                    + "Round trips per call on the wire: @Transactional %d, runner %d. Paired: %d rounds "
                                    + "of %d calls each.", springTrips[0], springTrips[1], inSpring.rounds(),
                            inSpring.callsPerRound())));
        }

        progress("5. 32 clients on a pool of 8");
        int clients = ConcurrentLookupBenchmark.CLIENTS;
        Runnable lumenLookup = work::lumenFind;
        Runnable jdbcLookup = work::jdbcFind;
        double[] tp = Throughput.paired(jdbcLookup, Throughput.Threads.PLATFORM, lumenLookup,
                Throughput.Threads.PLATFORM, clients, mode.throughputMillis(), mode.throughputRounds());
        double jdbcOps = tp[0];
        double lumenOps = tp[1];
        double jmhLumen = jmhScore("ConcurrentLookupBenchmark.lumen");
        double jmhJdbc = jmhScore("ConcurrentLookupBenchmark.jdbc");
        rows.add(ScenarioResult.of("throughput_32", "32 clients, pool of 8, lookups (JDBC / lumen-db throughput)",
                lumenOps, jdbcOps, "ops/s", "JDBC", ratio(jmhJdbc, jmhLumen), 1 / tp[2], 1 / tp[2], "paired", "",
                Goal.atMost(1.10), String.format(Locale.ROOT, "32 platform threads, closed loop; JMH @Threads(32) "
                        + "Throughput: lumen-db %s ops/s, JDBC %s ops/s. Ratio is JDBC throughput over lumen-db's.",
                        Report.number(jmhLumen), Report.number(jmhJdbc))));
        double[] vt = Throughput.paired(lumenLookup, Throughput.Threads.PLATFORM, lumenLookup,
                Throughput.Threads.VIRTUAL, clients, mode.throughputMillis(), mode.throughputRounds());
        rows.add(ScenarioResult.of("virtual_threads", "32 clients on virtual vs platform threads (lumen-db)", vt[1],
                vt[0], "ops/s", "platform threads", null, 1 / vt[2], 1 / vt[2], "paired", "", Goal.within(0.05),
                "The same lumen-db lookup load on 32 virtual threads and on 32 platform threads, alternating rounds; "
                        + "ratio = platform / virtual throughput (median of per-round ratios)."));
        // The same comparison for hand-written JDBC: how much of the difference is the JDK, pgjdbc and HikariCP.
        double[] jvt = Throughput.paired(jdbcLookup, Throughput.Threads.PLATFORM, jdbcLookup,
                Throughput.Threads.VIRTUAL, clients, mode.throughputMillis(), mode.throughputRounds());
        rows.add(ScenarioResult.of("virtual_threads_jdbc", "Control: JDBC on virtual vs platform threads", jvt[1],
                jvt[0], "ops/s", "platform threads", null, 1 / jvt[2], 1 / jvt[2], "paired", "", Goal.reported(),
                "The lumen-db row's comparison for the hand-written JDBC lookup: virtual-thread effects of the JDK, "
                        + "pgjdbc and HikariCP alone, and the spread this machine gives such a ratio."));

        progress("6. listener + metrics cost");
        ListenerScopes scopes = new ListenerScopes(f.db());
        Paired.Result real = Paired.run(() -> work.lumenFind(scopes.realOn()), () -> work.lumenFind(scopes.realOff()),
                3, rounds, calls);
        Paired.Result mock = Paired.run(() -> work.lumenFind(scopes.mockOn()), () -> work.lumenFind(scopes.mockOff()),
                20, rounds * 2, calls * 20);
        double jmhMockDiff = jmhMedian("ListenerCostBenchmark.mockOn") - jmhMedian("ListenerCostBenchmark.mockOff");
        double jmhRealDiff = jmhMedian("ListenerCostBenchmark.realOn") - jmhMedian("ListenerCostBenchmark.realOff");
        rows.add(ScenarioResult.of("listener_cost", "Listener + metrics cost per query (on - off)",
                mock.medianA() / 1000, mock.medianB() / 1000, "us/op", "listeners off, mock connection",
                Double.isNaN(jmhMockDiff) ? null : jmhMockDiff, mock.difference() / 1000, mock.difference() / 1000,
                "paired, mock", "us", Goal.atMost(1.0), String.format(Locale.ROOT,
                        "Judged on the mock-connection variant (jOOQ MockConnection answering one row): it isolates the "
                                + "CPU the error-translating and metrics listeners add to every query, which the network "
                                + "noise of a real round trip would hide. The 'ratio' columns hold the difference in "
                                + "microseconds. Real pool: on %s us, off %s us, paired difference %s us (JMH p50 "
                                + "difference %s us).",
                        Report.number(real.medianA() / 1000), Report.number(real.medianB() / 1000),
                        Report.number(real.difference() / 1000), Report.number(jmhRealDiff))));

        progress("7. bulk insert");
        rows.addAll(bulk(f));

        progress("8. keyset pages");
        String deep = f.keysetCursorAfter(KeysetBenchmark.DEPTH);
        Paired.Result keyset = Paired.run(() -> work.keysetPage(deep), () -> work.keysetPage(null), 3, rounds, calls / 2);
        Paired.Result offset = Paired.run(() -> work.offsetPage(KeysetBenchmark.DEPTH), () -> work.keysetPage(null), 1,
                Math.max(5, rounds / 8), 3);
        rows.add(ScenarioResult.of("keyset", "Keyset page 1,000 vs page 1 (pages of 100)", keyset.medianA() / 1000,
                keyset.medianB() / 1000, "us/op", "keyset page 1",
                ratio(jmhMedian("KeysetBenchmark.page1000"), jmhMedian("KeysetBenchmark.page1")), keyset.ratio(),
                keyset.ratio(), "paired", "", Goal.atMost(1.25), String.format(Locale.ROOT,
                        "FeatureRepository.listKeyset after a cursor at row 100,000 (walked with the repository) vs the "
                                + "first page. For contrast, OFFSET 100,000 through list(): %s us per page, %s x page 1 "
                                + "(JMH p50 %s us).",
                        Report.number(offset.medianA() / 1000), Report.number(offset.ratio()),
                        Report.number(jmhMedian("KeysetBenchmark.offset100k")))));

        progress("9. generate-sources");
        double[] generate = null;
        String generateProblem = "";
        try {
            generate = Tools.generate(Path.of("migrations").toAbsolutePath(), mode.generateRuns());
        } catch (RuntimeException | IOException e) {
            generateProblem = " Failed: " + e.getMessage();
        }
        rows.add(ScenarioResult.of("generate_sources", "generate-sources, unchanged migrations (plugin time)",
                generate == null ? null : generate[1], generate == null ? null : generate[0], "s", "cold run", null, null,
                generate == null ? null : generate[1], "measured", "s", Goal.atMost(0.5), generate == null
                        ? "Not measured: run from the project root (needs ./migrations)." + generateProblem
                        : String.format(Locale.ROOT, "The generate goal's own code (SchemaGenerator.run, as the Mojo "
                                + "calls it) timed by itself, each run in a fresh JVM like a Maven build: up to date "
                                + "(median of %d) %s s, whole JVM process %s s; cold run (empty work folder: throwaway "
                                + "PostgreSQL, Flyway, jOOQ codegen) %s s.", mode.generateRuns(),
                                Report.number(generate[1]), Report.number(generate[2]), Report.number(generate[0]))));

        progress("10. template clone vs migrating from empty");
        double[] clone = Tools.templateClone(f, mode.cloneRuns());
        rows.add(ScenarioResult.of("template_clone", "Fresh migrated database: template clone", clone[0], clone[1], "s",
                "create empty + migrate", null, clone[0] / clone[1], clone[0], "measured", "s", Goal.atMost(0.2),
                String.format(Locale.ROOT, "CREATE DATABASE ... TEMPLATE (what lumen-db-test does per test class), "
                        + "after a CHECKPOINT (the bulk scenarios before it leave the server flushing), median of %d: %s s; CREATE DATABASE + lumen-db's migrator from empty: %s s (clone is %s of "
                        + "that). The ratio column is clone / migrate; the goal is on the clone's seconds.",
                        mode.cloneRuns(), Report.number(clone[0]), Report.number(clone[1]),
                        Report.number(clone[0] / clone[1]))));

        progress("11. pgbench -S -M prepared");
        Path pgbench = Tools.pgbench();
        if (pgbench == null) {
            rows.add(ScenarioResult.of("pgbench", "Lookup throughput as a fraction of pgbench -S", lumenOps, null,
                    "ops/s", "pgbench", null, null, null, "measured", "", Goal.reported(), "pgbench not installed."));
        } else {
            Object[] bench = Tools.pgbench(pgbench, f, clients, mode.pgbenchSeconds());
            double tps = (double) bench[0];
            facts.put("pgbench", bench[1] + " (" + pgbench + ")");
            double[] again = Throughput.paired(jdbcLookup, Throughput.Threads.PLATFORM, lumenLookup,
                    Throughput.Threads.PLATFORM, clients, mode.throughputMillis(), 2);
            double lumenNow = again[1];
            rows.add(ScenarioResult.of("pgbench", "Lookup throughput as a fraction of pgbench -S", lumenNow, tps,
                    "ops/s", "pgbench tps", null, lumenNow / tps, lumenNow / tps, "measured", "", Goal.reported(),
                    String.format(Locale.ROOT, "pgbench -S -M prepared -c %d -j 2 -T %d on a scale-1 pgbench database "
                            + "(100k accounts) on the same server, right before lumen-db's 32-client lookups were "
                            + "measured again (%s ops/s; earlier %s ops/s). pgbench keeps %d connections (no pool of "
                            + "8) and its select is SELECT abalance FROM pgbench_accounts WHERE aid = ?, so this is a "
                            + "ceiling, not a like-for-like ratio.", clients, mode.pgbenchSeconds(),
                            Report.number(lumenNow), Report.number(lumenOps), clients)));
        }

        progress("12. scale-out: routed replica reads, throughput with 0, 1, 2 replicas");
        try {
            rows.addAll(ScaleOutBench.run(mode));
        } catch (java.sql.SQLException | RuntimeException e) {
            rows.add(ScenarioResult.of("replica_routing", "Read-only lookup routed to a replica vs a direct pool", null,
                    null, "us/op", "direct pool on the replica", null, null, null, "measured", "", Goal.atMost(1.05),
                    "Not measured: the cluster did not start (" + e.getMessage() + ")."));
        }
        return rows;
    }

    private ScenarioResult latency(String id, String title, String jmhPrefix, Paired.Result paired, Goal goal,
            String note) {
        double lumen = jmhMedian(jmhPrefix + "Lumen");
        double jdbc = jmhMedian(jmhPrefix + "Jdbc");
        String jmhText = Double.isNaN(lumen) ? "JMH not run."
                : String.format(Locale.ROOT, "JMH p50: lumen-db %s us, JDBC %s us.", Report.number(lumen),
                        Report.number(jdbc));
        return ScenarioResult.of(id, title, paired.medianA() / 1000, paired.medianB() / 1000, "us/op", "JDBC",
                ratio(lumen, jdbc), paired.ratio(), paired.ratio(), "paired", "", goal, note + " " + jmhText
                        + String.format(Locale.ROOT, " Paired: %d rounds of %d calls each.", paired.rounds(),
                                paired.callsPerRound()));
    }

    /**
     * Round trips on the wire per call: transaction, lookup and insert, lumen-db then JDBC, through a lumen-db
     * whose pool connects through the counting relay.
     */
    private static long[] roundTrips(BenchFixture f) {
        try (TcpRelay counter = TcpRelay.start(InetAddress.getLoopbackAddress().getHostAddress(), f.postgres().getPort())) {
            var config = BenchFixture.config(counter.port(), BenchFixture.DATABASE);
            try (LumenDb counted = LumenDb.start(config, new SimpleMeterRegistry())) {
                Workloads work = new Workloads(f, counted);
                List<java.util.function.Supplier<?>> bodies = List.of(
                        () -> work.lumenTransaction(counted), () -> work.jdbcTransaction(counted.dataSource()),
                        work::lumenFind, work::jdbcFind, work::lumenInsert, work::jdbcInsert);
                long[] trips = new long[bodies.size()];
                int n = 50;
                for (int b = 0; b < bodies.size(); b++) {
                    for (int i = 0; i < 20; i++) {
                        bodies.get(b).get();
                    }
                    long before = counter.roundTrips();
                    for (int i = 0; i < n; i++) {
                        bodies.get(b).get();
                    }
                    trips[b] = Math.round((double) (counter.roundTrips() - before) / n);
                }
                return trips;
            }
        }
    }

    /** Round trips per call of the Spring row's two sides, through the counting relay. */
    private static long[] springRoundTrips(BenchFixture f) {
        try (TcpRelay counter = TcpRelay.start(InetAddress.getLoopbackAddress().getHostAddress(), f.postgres().getPort());
                SpringWorkloads counted = new SpringWorkloads(f, counter.port())) {
            List<java.util.function.Supplier<?>> bodies = List.of(counted::spring, counted::runner);
            long[] trips = new long[bodies.size()];
            for (int b = 0; b < bodies.size(); b++) {
                for (int i = 0; i < 20; i++) {
                    bodies.get(b).get();
                }
                long before = counter.roundTrips();
                for (int i = 0; i < 50; i++) {
                    bodies.get(b).get();
                }
                trips[b] = Math.round((counter.roundTrips() - before) / 50.0);
            }
            return trips;
        }
    }

    private List<ScenarioResult> bulk(BenchFixture f) {
        BulkWorkloads bulk = new BulkWorkloads(f.cloneDatabase("lumen_bench_bulk_harness"), f.users());
        int rounds = mode.bulkIterations();
        double[] lumen = new double[rounds];
        double[] copy = new double[rounds];
        double[] rowByRow = new double[rounds];
        double[] vsCopy = new double[rounds];
        double[] vsRows = new double[rounds];
        double[] copyVsRows = new double[rounds];
        Function<java.util.function.LongSupplier, Double> rate = body -> {
            bulk.truncate();
            long started = System.nanoTime();
            long rows = body.getAsLong();
            return rows / ((System.nanoTime() - started) / 1e9);
        };
        rate.apply(bulk::repository);
        rate.apply(bulk::copy);
        rate.apply(bulk::rowByRow);
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                lumen[i] = rate.apply(bulk::repository);
                copy[i] = rate.apply(bulk::copy);
            } else {
                copy[i] = rate.apply(bulk::copy);
                lumen[i] = rate.apply(bulk::repository);
            }
            rowByRow[i] = rate.apply(bulk::rowByRow);
            vsCopy[i] = lumen[i] / copy[i];
            vsRows[i] = lumen[i] / rowByRow[i];
            copyVsRows[i] = copy[i] / rowByRow[i];
        }
        double jmhLumen = BulkWorkloads.ROWS / (jmhMedian("BulkInsertBenchmark.repository") / 1000);
        double jmhCopy = BulkWorkloads.ROWS / (jmhMedian("BulkInsertBenchmark.copy") / 1000);
        double jmhRows = BulkWorkloads.ROW_BY_ROW_ROWS / (jmhMedian("BulkInsertBenchmark.rowByRow") / 1000);
        String method = String.format(Locale.ROOT, "100k users per run into a database of its own, TRUNCATE before "
                + "each run; %d alternating rounds. Row by row = %d single INSERTs, each auto-committed, scaled to "
                + "rows/s. JMH single-shot medians: repository %s rows/s, COPY %s rows/s, row by row %s rows/s.", rounds,
                BulkWorkloads.ROW_BY_ROW_ROWS, Report.number(jmhLumen), Report.number(jmhCopy), Report.number(jmhRows));
        List<ScenarioResult> rows = new ArrayList<>();
        rows.add(ScenarioResult.of("bulk_vs_copy", "Bulk insert 100k, repository vs raw COPY (rows/s)",
                Paired.median(lumen), Paired.median(copy), "rows/s", "pgjdbc CopyManager", ratio(jmhLumen, jmhCopy),
                Paired.median(vsCopy), Paired.median(vsCopy), "paired", "x", Goal.atLeast(0.9),
                "TableRepository.insertAll (records built inside the measurement) vs COPY text written by hand into "
                        + "PGCopyOutputStream. " + method));
        rows.add(ScenarioResult.of("bulk_vs_rows", "Bulk insert 100k, repository vs row-by-row (rows/s)",
                Paired.median(lumen), Paired.median(rowByRow), "rows/s", "row-by-row INSERT", ratio(jmhLumen, jmhRows),
                Paired.median(vsRows), Paired.median(vsRows), "paired", "x", Goal.reported(), method
                        + String.format(Locale.ROOT, " Raw COPY itself ran at %s x row by row in the same rounds: the "
                                + "server's COPY speed on this table (three indexes, a uuid default) bounds this ratio, "
                                + "so it is reported, not judged.",
                                Report.number(Paired.median(copyVsRows)))));
        return rows;
    }

    private Map<String, String> environment(long started) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        env.put("Mode", mode.name() + String.format(Locale.ROOT, " (JMH: %d x %s warmup, %d x %s measurement, %s; "
                        + "paired: %d rounds)", mode.warmups(), mode.warmupTime(), mode.iterations(),
                mode.iterationTime(), mode.forks() == 0 ? "no fork (in the harness JVM)" : mode.forks() + " fork",
                mode.rounds()));
        env.put("CPU", cpu());
        env.put("Cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("Memory", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap (harness JVM)");
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("PostgreSQL", fixture == null ? "?" : fixture.serverVersion()
                + " (embedded, zonky binaries; fsync, full_page_writes and synchronous_commit off)");
        env.put("Pool", "HikariCP, " + BenchFixture.POOL_SIZE + " connections, shared by both sides");
        env.put("Data", BenchFixture.USERS + " users, " + BenchFixture.FEATURES + " new_features (COPY, VACUUM ANALYZE)");
        env.put("Git commit", git());
        env.putAll(facts);
        env.put("Suite wall time", String.format(Locale.ROOT, "%.0f s (without the build)",
                (System.nanoTime() - started) / 1e9));
        return env;
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String git() {
        try {
            Process process = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static List<String> notes(Mode mode, boolean jmh) {
        return List.of(
                "One embedded PostgreSQL 18 per JVM, the migrated schema, 100k users and 120k features seeded with COPY "
                        + "and vacuumed; one lumen-db (LumenDb.start) whose HikariCP pool of 8 serves both sides: the "
                        + "JDBC bodies borrow from db.dataSource().",
                "Ratio = median lumen-db / median baseline (lower is better) unless the row says otherwise. Two figures: "
                        + (jmh ? "JMH (SampleTime p50 or single-shot medians; quick mode runs JMH without forking, "
                                + "in the harness JVM with its one fixture, to stay within 10 minutes; full mode forks "
                                + "each method with its own embedded server), and " : "")
                        + "the paired harness, which alternates the two bodies in short rounds (order flipped every "
                        + "round) and takes the median of the per-round ratios. Goals are judged on the paired figure: "
                        + "on a noisy 2-core machine JMH's methods run minutes apart, the paired rounds seconds apart.",
                "Bodies are shared: JMH benchmarks and the paired harness call the same methods of Workloads / "
                        + "BulkWorkloads. Mode " + mode.name() + ".",
                "Round trips of the transaction scenario are counted on the wire by lumen-db-test's TcpRelay: every "
                        + "burst the client sends after a server reply is one request the client waits for.",
                "Chart: each bar is the share of its goal's budget the measurement uses (measured / goal; goal / "
                        + "measured for 'at least' goals; distance from 1 / 5% for the virtual-thread row), so one "
                        + "dashed line at 1.0 is every goal; green met, red missed, grey reported only. Drawn with "
                        + "java.awt (no charting library).");
    }
}
