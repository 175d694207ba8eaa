package dev.lumen.db.cli;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.core.migrate.UpResult;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.repository.KeysetPage;
import dev.lumen.db.repository.KeysetRequest;
import dev.lumen.db.repository.Page;
import dev.lumen.db.repository.PageRequest;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.example.UserRegistrationService;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureChanges;
import dev.lumen.db.repository.features.FeatureDraft;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.features.FeatureSort;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.repository.users.UserWithRoles;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.schema.tables.records.NewFeaturesRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.impl.DSL;

/** The demo's script: every section uses the public API a service would use. */
final class Demo {

    private static final int USERS = 60;
    private static final int BULK_FEATURES = 5_000;

    private final PrintWriter out;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UserRepository users = new UserRepository();
    private final RoleRepository roles = new RoleRepository();
    private final FeatureRepository features = new FeatureRepository();

    Demo(PrintWriter out) {
        this.out = out;
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals(MetricNames.QUERY)
                        ? DistributionStatisticConfig.builder().percentiles(0.5, 0.95, 0.99).build().merge(config)
                        : config;
            }
        });
    }

    void run(Path folder) throws Exception {
        out.println("lumen-db demo: the data layer end to end on a throwaway PostgreSQL");
        section("1. Database");
        out.print("  starting embedded PostgreSQL");
        out.flush();
        try (DevDatabase dev = DevDatabase.start(folder, true, out);
                LumenDb db = LumenDb.start(config(dev), registry)) {
            out.printf("  connected: %s%n", db.server().version().split(",")[0]);
            migrations(db);
            seed(db);
            filters(db);
            paging(db);
            usersWithRoles(db);
            retriedTransaction(db);
            health(db);
            metrics();
        }
        section("Done");
        out.println("  PostgreSQL stopped and its data deleted; nothing is left running.");
        out.flush();
    }

    private static DatabaseConfig config(DevDatabase dev) {
        // The demo is self-contained: the machine's LUMEN_DB_* variables do not apply to it.
        return new ConfigLoader(Map.of(), new Properties())
                .withOverrides(Map.of("lumen.db.url", dev.jdbcUrl(), "lumen.db.user", DevDatabase.USER,
                        "lumen.db.ssl.mode", "disable", "lumen.db.pool.max-size", "8",
                        "lumen.db.slow-query-threshold", "5s"))
                .load(Environment.DEV);
    }

    private void section(String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(0, 70 - title.length())));
        out.flush();
    }

    private void migrations(LumenDb db) {
        section("2. Migrations (Flyway, the project's V/U scripts)");
        long started = System.nanoTime();
        UpResult up = db.migrator().up();
        out.printf("  applied %d migrations in %d ms, schema version %s%n", up.applied().size(), millis(started),
                up.toVersion());
        up.applied().forEach(script -> out.println("    " + script));
    }

    private void seed(LumenDb db) {
        section("3. Seeding through the repositories");
        List<Role> seeded = List.of(roles.create(db, "admin", "Everything"), roles.create(db, "editor", "Edit content"),
                roles.create(db, "viewer", "Read only"));
        out.println("  roles: " + seeded.stream().map(Role::name).collect(Collectors.joining(", ")));

        AtomicInteger mails = new AtomicInteger();
        UserRegistrationService registration = new UserRegistrationService(db.transactions(), users, roles,
                email -> mails.incrementAndGet());
        long started = System.nanoTime();
        for (int i = 0; i < USERS; i++) {
            User user = registration.register(new NewUser(String.format("user%02d@example.com", i), "$argon2id$demo",
                    "User", String.format("%02d", i)), seeded.get(i % 3).name());
            if (i % 4 == 0) {
                roles.assign(db, user.id(), seeded.get((i + 1) % 3).id());
            }
            if (i % 2 == 0) {
                users.updateLastLogin(db, user.id());
            }
        }
        out.printf("  users: %d registered with a role, one transaction each (%d ms); welcome mails sent after"
                + " commit: %d%n", USERS, millis(started), mails.get());
        try {
            registration.register(new NewUser("mallory@example.com", "h", "", ""), "auditor");
        } catch (NotFoundException e) {
            out.printf("  register(mallory, role \"auditor\") -> %s: user rolled back (%s), mails still %d%n",
                    e.getMessage(), users.findByEmail(db, "mallory@example.com").isPresent() ? "STORED" : "not stored",
                    mails.get());
        }

        List<NewFeaturesRecord> bulk = IntStream.range(0, BULK_FEATURES)
                .mapToObj(i -> FeatureRepository.record(new FeatureDraft(String.format("feature-%05d", i), null,
                        i % 2 == 0, Map.of("rollout", i % 100))))
                .toList();
        started = System.nanoTime();
        long copied = features.insertAll(db, bulk);
        out.printf("  features: %,d bulk-inserted with COPY in %d ms%n", copied, millis(started));
        for (String name : List.of("Dark-Mode", "dark-launch-banner", "100% rollout", "beta_search", "new_checkout")) {
            features.create(db, new FeatureDraft(name, "Named flag", true,
                    Map.of("owner", "team-" + name.length(), "regions", List.of("eu", "us"))));
        }
        out.println("  features: 5 named flags with structured jsonb config, e.g. "
                + features.findByName(db, "Dark-Mode").orElseThrow().config());
    }

    private void filters(LumenDb db) {
        section("4. Typed filters (generated fields and bind values, never SQL strings)");
        show("name contains \"dark\" (any case)", features.list(db, FeatureFilter.nameContains("DARK"),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10)));
        show("name contains \"%\" (literally)", features.list(db, FeatureFilter.nameContains("%"),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10)));
        show("name contains \"_\" (literally)", features.list(db, FeatureFilter.nameContains("_"),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10)));
        show("name contains \"' OR '1'='1\"", features.list(db, FeatureFilter.nameContains("' OR '1'='1"),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10)));
        OffsetDateTime now = db.dsl().fetchValue(DSL.currentOffsetDateTime());
        long recentEnabled = features.count(db, FeatureFilter.any().withEnabled(true)
                .withCreated(now.minusHours(1), now.plusMinutes(1)));
        out.printf("  %-38s -> %,d features%n", "enabled, created in the last hour", recentEnabled);
        refused("sort by \"password_hash\"", () -> Sort.parse("password_hash", FeatureSort.class));
        refused("page limit 0", () -> PageRequest.first(0));
        refused("name contains a NUL byte", () -> features.count(db, FeatureFilter.nameContains("a\u0000b")));
    }

    private void show(String label, Page<Feature> page) {
        out.printf("  %-38s -> %d: %s%n", label, page.items().size(),
                page.items().stream().map(Feature::name).collect(Collectors.joining(", ")));
    }

    private void refused(String label, Runnable action) {
        try {
            action.run();
            out.printf("  %-38s -> accepted (unexpected)%n", label);
        } catch (InvalidInputException e) {
            out.printf("  %-38s -> refused: %s%n", label, e.getMessage());
        }
    }

    private void paging(LumenDb db) {
        section("5. Paging: offset pages and keyset cursors, newest first");
        Page<Feature> first = features.list(db, FeatureFilter.any(), FeatureRepository.NEWEST_FIRST, PageRequest.first(3));
        Page<Feature> second = features.list(db, FeatureFilter.any(), FeatureRepository.NEWEST_FIRST,
                first.request().next());
        out.println("  offset page 1: " + first.items().stream().map(Feature::name).collect(Collectors.joining(", ")));
        out.println("  offset page 2: " + second.items().stream().map(Feature::name).collect(Collectors.joining(", ")));
        long started = System.nanoTime();
        Set<UUID> seen = new HashSet<>();
        int pages = 0;
        int rows = 0;
        KeysetPage<Feature> page = features.listKeyset(db, FeatureFilter.any(), KeysetRequest.first(500));
        while (true) {
            pages++;
            rows += page.items().size();
            page.items().forEach(f -> seen.add(f.id()));
            if (page.nextCursor() == null) {
                break;
            }
            page = features.listKeyset(db, FeatureFilter.any(), KeysetRequest.after(page.nextCursor(), 500));
        }
        out.printf("  keyset: walked %,d features in %d pages of 500 (%d ms), %,d distinct, cursor like %s%n",
                rows, pages, millis(started), seen.size(),
                features.listKeyset(db, FeatureFilter.any(), KeysetRequest.first(1)).nextCursor());
    }

    private void usersWithRoles(LumenDb db) {
        section("6. Users with their roles: one SQL statement (MULTISET), no N+1");
        CountingScope counting = new CountingScope(db);
        List<UserWithRoles> loaded = users.withRoles(counting, () -> DSL.noCondition(), PageRequest.first(100));
        out.printf("  loaded %d users with their roles in %d statement%n", loaded.size(), counting.statements());
        loaded.stream().limit(4).forEach(u -> out.printf("    %-20s %s%n", u.user().email(),
                u.roles().stream().map(Role::name).collect(Collectors.joining(", "))));
        List<User> active = users.activeByLastLogin(db, PageRequest.first(3));
        out.println("  most recent logins: " + active.stream().map(User::email).collect(Collectors.joining(", ")));
    }

    private void retriedTransaction(LumenDb db) throws Exception {
        section("7. A serializable transaction retried after a conflict");
        Feature alice = features.create(db, new FeatureDraft("oncall-alice", "Alice is on call", true, Map.of()));
        Feature bob = features.create(db, new FeatureDraft("oncall-bob", "Bob is on call", true, Map.of()));
        out.println("  rule: someone must stay on call. Alice and Bob both try to go off call at the same moment;");
        out.println("  each transaction counts who is on call (2) and switches itself off if that leaves one.");
        CyclicBarrier bothCounted = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Feature person : List.of(alice, bob)) {
                results.add(threads.submit(() -> db.transactions().call(TxOptions.serializable().retries(5), tx -> {
                    attempts.incrementAndGet();
                    long onCall = features.count(tx, new FeatureFilter("oncall-", true, null, null));
                    if (tx.attempt() == 1) {
                        await(bothCounted);
                    }
                    if (onCall >= 2) {
                        features.update(tx, person.id(), FeatureChanges.none().withEnabled(false));
                    }
                    return tx.attempt();
                })));
            }
            List<Integer> finalAttempts = new ArrayList<>();
            for (Future<Integer> result : results) {
                finalAttempts.add(result.get(60, TimeUnit.SECONDS));
            }
            double retries = registry.find(MetricNames.TRANSACTION_RETRIES).counters().stream()
                    .mapToDouble(Counter::count).sum();
            long stillOnCall = features.count(db, new FeatureFilter("oncall-", true, null, null));
            out.printf("  PostgreSQL aborted one with SQLSTATE 40001; the runner retried it after a jittered backoff%n");
            out.printf("  attempts per transaction: %s; %d attempts in all; lumen.db.transaction.retries = %.0f%n",
                    finalAttempts, attempts.get(), retries);
            out.printf("  on call now: %d (the retry saw Bob had left and kept Alice on)%n", stillOnCall);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The other transaction did not arrive", e);
        }
    }

    private void health(LumenDb db) {
        section("8. Health");
        HealthCommand.print(db.health().check(), out);
    }

    private void metrics() {
        section("9. Metrics (Micrometer)");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"lumen.db.query", "path", "outcome", "count", "mean", "p50", "p95", "p99"});
        registry.find(MetricNames.QUERY).timers().stream()
                .filter(t -> t.count() > 0)
                .sorted((a, b) -> Long.compare(b.count(), a.count()))
                .forEach(timer -> rows.add(row(timer)));
        Table.print(rows, out);
        double errors = registry.find(MetricNames.QUERY_ERRORS).counters().stream().mapToDouble(Counter::count).sum();
        long committed = registry.find(MetricNames.TRANSACTION).tag(MetricNames.OUTCOME, "committed").timers().stream()
                .mapToLong(Timer::count).sum();
        long rolledBack = registry.find(MetricNames.TRANSACTION).tag(MetricNames.OUTCOME, "rolled_back").timers()
                .stream().mapToLong(Timer::count).sum();
        out.printf("  lumen.db.query.errors: %.0f · transactions: %d committed, %d rolled back%n", errors, committed,
                rolledBack);
        out.println("  pool meters: " + registry.getMeters().stream().map(m -> m.getId().getName())
                .filter(n -> n.startsWith("hikaricp")).distinct().sorted().limit(5).collect(Collectors.joining(", "))
                + ", ...");
    }

    private static String[] row(Timer timer) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        String[] percentiles = new String[3];
        ValueAtPercentile[] values = snapshot.percentileValues();
        for (int i = 0; i < 3; i++) {
            percentiles[i] = i < values.length ? ms(values[i].value(TimeUnit.NANOSECONDS)) : "-";
        }
        String path = timer.getId().getTag(MetricNames.PATH);
        return new String[] {timer.getId().getTag(MetricNames.TYPE), path == null ? "-" : path,
            timer.getId().getTag(MetricNames.OUTCOME),
            Long.toString(timer.count()), ms(timer.mean(TimeUnit.NANOSECONDS)), percentiles[0], percentiles[1],
            percentiles[2]};
    }

    private static String ms(double nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
