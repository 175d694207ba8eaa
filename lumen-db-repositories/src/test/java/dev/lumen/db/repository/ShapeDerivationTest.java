package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.statement.ShapeVerification;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureDraft;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.features.FeatureSort;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "no hand-written cache key can return wrong rows": a record filter's shape is derived from which of
 * its components are set (it needs no {@code shape()}); a hand-written key is verified on every call; with
 * verification on (test profile, {@code @LumenDbTest}) a condition whose SQL depends on more than that fails with
 * the filter's class name instead of returning another shape's rows.
 */
@LumenDbTest
class ShapeDerivationTest {

    static LumenDb db;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static TestDatabase database;
    final FeatureRepository features = new FeatureRepository();

    @BeforeAll
    static void start(TestDatabase testDatabase) {
        database = testDatabase;
        db = LumenDb.start(TestConfigs.forDatabase(testDatabase), registry);
        RepositoryTestSupport.emptyTables(db);
        FeatureRepository features = new FeatureRepository();
        features.create(db, new FeatureDraft("on-alpha", null, true, Map.of()));
        features.create(db, new FeatureDraft("on-beta", null, true, Map.of()));
        features.create(db, new FeatureDraft("off-gamma", null, false, Map.of()));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** A record filter with neither shape() nor anything but its condition: the usual way to write one. */
    record ByEnabled(@Nullable Boolean enabled, @Nullable String prefix) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Condition condition(Binds binds) {
            Condition condition = DSL.noCondition();
            if (enabled != null) {
                condition = condition.and(NEW_FEATURES.IS_ENABLED.eq(binds.value(NEW_FEATURES.IS_ENABLED, enabled)));
            }
            if (prefix != null) {
                condition = condition.and(NEW_FEATURES.NAME.startsWith(binds.value(NEW_FEATURES.NAME, prefix)));
            }
            return condition;
        }
    }

    /** A record whose own shape() is deliberately wrong (one key for everything): the derived part still separates. */
    record WrongOwnShape(@Nullable Boolean enabled, @Nullable String prefix) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Object shape() {
            return "always the same";
        }

        @Override
        public Condition condition(Binds binds) {
            return new ByEnabled(enabled, prefix).condition(binds);
        }
    }

    /** A record whose SQL depends on a value, not only on which components are set. */
    record ValueShapedSql(boolean enabled) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Condition condition(Binds binds) {
            return enabled ? NEW_FEATURES.IS_ENABLED.isTrue() : NEW_FEATURES.IS_ENABLED.isFalse();
        }
    }

    /** Not a record, with a hand-written key that forgets which condition it builds. */
    static final class HandWritten implements Filter {
        private final boolean byName;

        HandWritten(boolean byName) {
            this.byName = byName;
        }

        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Object shape() {
            return "forgot which one";
        }

        @Override
        public Condition condition(Binds binds) {
            return byName ? NEW_FEATURES.NAME.eq(binds.value(NEW_FEATURES.NAME, "off-gamma"))
                    : NEW_FEATURES.IS_ENABLED.eq(binds.value(NEW_FEATURES.IS_ENABLED, true));
        }
    }

    /** A record that never passes its values through Binds: its values must not be baked into shared SQL. */
    record NoTemplate(String name) implements Filter {
        @Override
        public Condition condition() {
            return NEW_FEATURES.NAME.eq(name);
        }
    }

    /** A record filter with a text component, bounded by the library like FeatureFilter's. */
    record Named(@Nullable String name, List<String> alsoNames) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Condition condition(Binds binds) {
            return name == null ? DSL.noCondition() : NEW_FEATURES.NAME.eq(binds.value(NEW_FEATURES.NAME, name));
        }
    }

    private List<String> names(Filter filter) {
        return features.list(db, filter, Sort.asc(FeatureSort.NAME), PageRequest.first(10)).items().stream()
                .map(Feature::name).toList();
    }

    private double directCalls() {
        return registry.find(MetricNames.QUERY).tag(MetricNames.PATH, "direct").tag(MetricNames.TYPE, "select")
                .timers().stream().mapToDouble(t -> t.count()).sum();
    }

    @Test
    void whenARecordFilterHasNoShapeMethodThenItsShapeIsDerivedAndEveryCombinationGetsItsOwnSql() {
        double before = directCalls();
        assertThat(names(new ByEnabled(true, null))).containsExactly("on-alpha", "on-beta");
        assertThat(names(new ByEnabled(false, null))).containsExactly("off-gamma");
        assertThat(names(new ByEnabled(null, "on-a"))).containsExactly("on-alpha");
        assertThat(names(new ByEnabled(true, "on-b"))).containsExactly("on-beta");
        assertThat(names(new ByEnabled(null, null))).containsExactly("off-gamma", "on-alpha", "on-beta");
        assertThat(names(FeatureFilter.nameContains("GAMMA"))).containsExactly("off-gamma");
        assertThat(directCalls() - before).as("every call took the direct path").isEqualTo(6);
        RecordingScope jooq = new RecordingScope(db);
        assertThat(features.list(jooq, new ByEnabled(true, "on"), Sort.asc(FeatureSort.NAME), PageRequest.first(10)))
                .isEqualTo(features.list(db, new ByEnabled(true, "on"), Sort.asc(FeatureSort.NAME), PageRequest.first(10)));
    }

    @Test
    void whenARecordFilterGivesAWrongShapeOfItsOwnThenTheDerivedShapeStillKeepsTheQueriesApart() {
        withVerification("false", () -> {
            assertThat(names(new WrongOwnShape(true, null))).containsExactly("on-alpha", "on-beta");
            assertThat(names(new WrongOwnShape(null, "off"))).containsExactly("off-gamma");
            assertThat(names(new WrongOwnShape(false, "on"))).isEmpty();
            return null;
        });
    }

    @Test
    void whenAHandWrittenShapeIsWrongThenTheCallFailsNamingTheFilterInsteadOfReturningRows() {
        for (String verification : new String[] {"true", "false"}) {
            FeatureRepository fresh = new FeatureRepository();
            withVerification(verification, () -> {
                assertThat(fresh.list(db, new HandWritten(false), Sort.asc(FeatureSort.NAME), PageRequest.first(10))
                        .items()).extracting(Feature::name).containsExactly("on-alpha", "on-beta");
                assertThatIllegalStateException()
                        .isThrownBy(() -> fresh.list(db, new HandWritten(true), Sort.asc(FeatureSort.NAME),
                                PageRequest.first(10)))
                        .withMessageStartingWith("Query shape mismatch: the filter " + HandWritten.class.getName());
                return null;
            });
        }
    }

    @Test
    void whenVerificationIsOnAndARecordsSqlDependsOnAValueThenTheSecondCallFailsWithTheFilterClass() {
        assertThat(System.getProperty(ShapeVerification.PROPERTY)).as("set by @LumenDbTest").isEqualTo("true");
        FeatureRepository fresh = new FeatureRepository();
        assertThat(fresh.list(db, new ValueShapedSql(true), Sort.asc(FeatureSort.NAME), PageRequest.first(10)).items())
                .hasSize(2);
        assertThatIllegalStateException()
                .isThrownBy(() -> fresh.list(db, new ValueShapedSql(false), Sort.asc(FeatureSort.NAME),
                        PageRequest.first(10)))
                .withMessageContaining(ValueShapedSql.class.getName());
        assertThat(fresh.listKeyset(db, new ValueShapedSql(false), KeysetRequest.first(10)).items()).hasSize(1);
        assertThatIllegalStateException()
                .isThrownBy(() -> fresh.listKeyset(db, new ValueShapedSql(true), KeysetRequest.first(10)))
                .withMessageContaining(ValueShapedSql.class.getName());
    }

    @Test
    void whenAFilterNeverUsesBindsThenItTakesJooqsPathAndNoValueIsBakedIntoSharedSql() {
        double before = directCalls();
        assertThat(names(new NoTemplate("on-alpha"))).containsExactly("on-alpha");
        assertThat(names(new NoTemplate("off-gamma"))).containsExactly("off-gamma");
        assertThat(directCalls()).isEqualTo(before);
        assertThat(registry.find(MetricNames.QUERY).tag(MetricNames.PATH, "jooq").timers()).isNotEmpty();
    }

    @Test
    void whenARecordFiltersTextIsLongerThanTheLimitThenItIsRefusedNamingTheComponent() {
        String tooLong = "n".repeat(Texts.maxFilterText() + 1);
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> names(new Named(tooLong, List.of())))
                .withMessage("Named.name is too long: 257 characters (at most 256)");
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> features.count(db, new Named(null, List.of("ok", tooLong))))
                .withMessageStartingWith("Named.alsoNames is too long");
        assertThat(names(new Named("n".repeat(256), List.of()))).isEmpty();
    }

    @Test
    void whenTheProfileIsTestThenVerificationIsOnByDefaultAndElsewhereOff() {
        withVerification(null, () -> {
            assertThat(ShapeVerification.enabled(db.dsl().configuration())).isTrue();
            boolean inTransaction = db.transactions().call(tx -> ShapeVerification.enabled(tx.dsl().configuration()));
            assertThat(inTransaction).isTrue();
            Map<String, String> values = new HashMap<>();
            values.put("lumen.db.url", database.jdbcUrl());
            values.put("lumen.db.user", database.user());
            if (database.password() != null) {
                values.put("lumen.db.password", database.password());
            }
            values.put("lumen.db.ssl.mode", "disable");
            try (LumenDb dev = LumenDb.start(new ConfigLoader(Map.of(), new Properties()).withOverrides(values)
                    .load(Environment.DEV), new SimpleMeterRegistry())) {
                assertThat(ShapeVerification.enabled(dev.dsl().configuration())).isFalse();
                System.setProperty(ShapeVerification.PROPERTY, "true");
                assertThat(ShapeVerification.enabled(dev.dsl().configuration())).isTrue();
            }
            return null;
        });
    }

    /** Runs with the verification property set to a value (null: unset), then restores it. */
    private static <X> X withVerification(@Nullable String value, Supplier<X> body) {
        String before = System.getProperty(ShapeVerification.PROPERTY);
        try {
            if (value == null) {
                System.clearProperty(ShapeVerification.PROPERTY);
            } else {
                System.setProperty(ShapeVerification.PROPERTY, value);
            }
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(ShapeVerification.PROPERTY);
            } else {
                System.setProperty(ShapeVerification.PROPERTY, before);
            }
        }
    }
}
