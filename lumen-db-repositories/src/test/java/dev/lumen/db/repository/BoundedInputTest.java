package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;
import static dev.lumen.db.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.observe.StatementBudget;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureChanges;
import dev.lumen.db.repository.features.FeatureDraft;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.features.FeatureSort;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.repository.users.UserSort;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, defects 1, 2 and 6: sorts are bounded and cannot grow the shape cache, filter text is bounded and its
 * LIKE pattern escaped once in Java, and text that is not well-formed Unicode is refused on every write.
 */
@LumenDbTest
class BoundedInputTest {

    static LumenDb db;
    final FeatureRepository features = new FeatureRepository();
    final UserRepository users = new UserRepository();

    @BeforeAll
    static void start(TestDatabase database) {
        db = RepositoryTestSupport.start(database);
        RepositoryTestSupport.emptyTables(db);
        new FeatureRepository().create(db, new FeatureDraft("100% dark_mode!", null, true, Map.of()));
        new FeatureRepository().create(db, new FeatureDraft("100x darkXmode", null, true, Map.of()));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email,email", "email,-email", "-email, EMAIL", "email,+email,last_name"})
    void whenASortRepeatsAKeyThenItIsRefused(String spec) {
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> Sort.parse(spec, UserSort.class))
                .withMessage("Sort key 'email' appears more than once");
    }

    @Test
    void whenASortHasMoreKeysThanTheAllowListOrIsTooLongThenItIsRefusedUnread() {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> Sort.parse("email,last_name,created_at,last_login_at,email", UserSort.class))
                .withMessageStartingWith("Too many sort keys: 5 (at most 4, each once)");
        String huge = "name,-name,".repeat(10_000);
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> Sort.parse(huge, FeatureSort.class))
                .withMessage("Sort parameter too long: 110000 characters (at most 512)");
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> Sort.asc(UserSort.EMAIL).thenDesc(UserSort.EMAIL));
        assertThat(Sort.parse("-created_at,name,is_enabled,updated_at", FeatureSort.class).orders()).hasSize(4);
    }

    @Test
    void whenThousandsOfDistinctSortStringsArriveThenTheShapeCacheHoldsOnlyTheFewShapesTheyMean() {
        FeatureRepository fresh = new FeatureRepository();
        Set<String> specs = new HashSet<>();
        String[] keys = {"name", "created_at", "updated_at", "is_enabled"};
        for (int i = 0; specs.size() < 3_000; i++) {
            // Case, spaces and signs vary; the sorts they parse to are few: 2 directions x 4 keys.
            String key = keys[i % keys.length];
            String spelled = (i % 3 == 0 ? key.toUpperCase(Locale.ROOT) : key);
            String spec = " ".repeat(i % 7) + (i % 2 == 0 ? "-" : (i % 4 == 1 ? "+" : "")) + spelled
                    + " ".repeat(i / 28 % 200);
            if (spec.length() <= Sort.MAX_SPEC_LENGTH) {
                specs.add(spec);
            }
        }
        for (String spec : specs) {
            fresh.list(db, Filter.all(), Sort.parse(spec, FeatureSort.class), PageRequest.first(1));
        }
        // The attack of issue 14: repeats make endless distinct sorts, each pinning its SQL. Refused now.
        for (int i = 1; i <= 2_000; i++) {
            String repeats = "name," + (i % 2 == 0 ? "-" : "") + "name,".repeat(i % 40 + 1) + "created_at".repeat(i % 3);
            assertThatExceptionOfType(InvalidInputException.class)
                    .isThrownBy(() -> fresh.list(db, Filter.all(), Sort.parse(repeats, FeatureSort.class),
                            PageRequest.first(1)));
        }
        assertThat(((TableRepository<?, ?, ?>) fresh).rememberedShapes()).isLessThanOrEqualTo(8);
    }

    @Test
    void whenFilterTextIsLongerThanTheLimitThenItIsRefusedAndAtTheLimitItIsServed() {
        assertThat(Texts.maxFilterText()).isEqualTo(Texts.DEFAULT_MAX_FILTER_TEXT).isEqualTo(256);
        assertThat(features.count(db, FeatureFilter.nameContains("%".repeat(256)))).isZero();
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> FeatureFilter.nameContains("%".repeat(257)))
                .withMessage("nameContains is too long: 257 characters (at most 256)");
    }

    @Test
    void whenSearchingThenTheEscapedPatternIsTheBindValueAndTheSqlEscapesNothing() {
        StatementBudget.Spent<Long> spent = StatementBudget.count(db,
                scope -> features.count(scope, FeatureFilter.nameContains("0% DARK_mode!")));
        RecordingScope jooq = new RecordingScope(db);
        List<String> viaJooq = features.list(jooq, FeatureFilter.nameContains("0% DARK_mode!"),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10)).items().stream().map(Feature::name).toList();
        List<String> direct = features.list(db, FeatureFilter.nameContains("0% DARK_mode!"),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10)).items().stream().map(Feature::name).toList();

        assertThat(spent.result()).isEqualTo(1L);
        assertThat(viaJooq).isEqualTo(direct).containsExactly("100% dark_mode!");
        assertThat(spent.statements()).singleElement().asString().doesNotContain("replace").contains("escape '!'");
        assertThat(jooq.sql).singleElement().asString().doesNotContain("replace").contains("like lower(?) escape '!'");
        assertThat(Texts.containsPattern("0% a_b!c")).isEqualTo("%0!% a!_b!!c%");
    }

    @Test
    void whenAPasswordHashHoldsALoneSurrogateOrNulThenTheUserIsRefusedNotStoredWithAQuestionMark() {
        for (String hash : List.of("$2a$10$\uD800hash", "$2a$10$\uDC00", "nul\u0000hash")) {
            assertThatExceptionOfType(InvalidInputException.class)
                    .isThrownBy(() -> users.create(db, new NewUser("lone@example.org", hash, "", "")))
                    .withMessageStartingWith("Password hash").withMessageNotContaining("$2a$");
        }
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }

    @Test
    void whenAFeatureConfigKeyOrValueHoldsALoneSurrogateOrNulThenItIsRefused() {
        List<Map<String, Object>> configs = List.of(Map.of("k\uD800", 1), Map.of("k", "v\uDFFF"),
                Map.of("k", List.of("ok", Map.of("deep", "x\uD83D"))), Map.of("k", "nul\u0000"),
                Map.of("nul\u0000key", true));
        for (Map<String, Object> config : configs) {
            assertThatExceptionOfType(InvalidInputException.class)
                    .isThrownBy(() -> features.create(db, new FeatureDraft("bad-config", null, true, config)));
            assertThatExceptionOfType(InvalidInputException.class)
                    .isThrownBy(() -> features.insertAll(db, List.of(FeatureRepository.record(
                            new FeatureDraft("bad-config", null, true, config)))));
        }
        Feature stored = features.create(db, FeatureDraft.named("good-config"));
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> features.update(db, stored.id(),
                FeatureChanges.none().withConfig(Map.of("k", "\uDC00"))));
        assertThat(features.findByName(db, "bad-config")).isEmpty();
        assertThat(features.get(db, stored.id()).config()).isEmpty();
        features.delete(db, stored.id());
    }

    @Test
    void whenABulkInsertRowHoldsALoneSurrogateOrNulThenTheWholeCopyIsRefused() {
        long before = db.dsl().fetchCount(NEW_FEATURES);
        for (String bad : List.of("lone\uD800", "lone\uDC00x", "nul\u0000")) {
            var good = new dev.lumen.db.schema.tables.records.NewFeaturesRecord().setName("fine").setDescription("d");
            var row = new dev.lumen.db.schema.tables.records.NewFeaturesRecord().setName("fine").setDescription(bad);
            assertThatExceptionOfType(InvalidInputException.class)
                    .isThrownBy(() -> features.insertAll(db, List.of(good, row)))
                    .withMessageContaining("insertAll");
        }
        assertThat(db.dsl().fetchCount(NEW_FEATURES)).isEqualTo(before);
    }
}
