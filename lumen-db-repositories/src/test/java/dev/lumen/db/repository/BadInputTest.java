package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;
import static dev.lumen.db.schema.Tables.ROLES;
import static dev.lumen.db.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.UnclassifiedDatabaseException;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureDraft;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.features.FeatureSort;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.repository.users.UserSort;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.SchemaSnapshot;
import dev.lumen.db.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile text through every filter: it must match literally (or be refused as invalid input), never change
 * the statement, and never hurt a table.
 */
@LumenDbTest
class BadInputTest {

    private static final String HUGE = "x".repeat(100 * 1024);
    private static final String NUL = "nul\u0000byte";

    /** Texts that must match literally. */
    static Stream<String> literalTexts() {
        return Stream.of("%", "_", "a_c", "' OR '1'='1", "'; DROP TABLE users;--", "\\", "!", "$$", "/* c */",
                "Ünïcødé 🚀 名前", "\"quoted\"", "x'; SELECT pg_sleep(10); --", "zero\u200Bwidth", "e\u0301",
                "\u202Eevil", "👩\u200D💻", "?");
    }

    static LumenDb db;
    static SchemaSnapshot schemaBefore;
    static final FeatureRepository features = new FeatureRepository();
    static final UserRepository users = new UserRepository();
    static final RoleRepository roles = new RoleRepository();
    /** Every feature name seeded, to compute the literal answer in Java. */
    static List<String> names;

    @BeforeAll
    static void seed(TestDatabase database) throws Exception {
        db = RepositoryTestSupport.start(database);
        RepositoryTestSupport.emptyTables(db);
        List<String> seeded = new java.util.ArrayList<>(List.of("abc", "a_c", "100% done", "plain", "under_score",
                "back\\slash", "bang!", "Ünïcødé 🚀 名前 flag"));
        literalTexts().forEach(text -> seeded.add("contains " + text + " inside"));
        for (String name : seeded) {
            features.create(db, FeatureDraft.named(name));
            roles.create(db, name, null);
        }
        users.create(db, new NewUser("a_c@example.com", "h", "", ""));
        users.create(db, new NewUser("abc@example.com", "h", "", ""));
        names = seeded;
        try (Connection connection = database.connection()) {
            schemaBefore = SchemaSnapshot.of(connection);
        }
    }

    @AfterAll
    static void everyTableIsIntact(TestDatabase database) throws Exception {
        try (Connection connection = database.connection()) {
            assertThat(schemaBefore.diff(SchemaSnapshot.of(connection))).isEmpty();
        }
        assertThat(db.dsl().fetchCount(NEW_FEATURES)).isEqualTo(names.size());
        assertThat(db.dsl().fetchCount(ROLES)).isEqualTo(names.size());
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);
        db.close();
    }

    @ParameterizedTest(name = "name contains {0}")
    @MethodSource("literalTexts")
    void whenSearchingNamesThenTheTextMatchesLiterallyIgnoringCase(String text) {
        List<String> expected = names.stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))
                .sorted()
                .toList();

        List<String> found = features.list(db, FeatureFilter.nameContains(text), Sort.asc(FeatureSort.NAME),
                PageRequest.first(100)).items().stream().map(Feature::name).toList();

        assertThat(expected).isNotEmpty();
        assertThat(found).isEqualTo(expected);
        assertThat(features.count(db, FeatureFilter.nameContains(text))).isEqualTo(expected.size());
    }

    @Test
    void whenSearchingForPercentOrUnderscoreThenTheyAreNotWildcards() {
        assertThat(features.list(db, FeatureFilter.nameContains("a_c"), Sort.asc(FeatureSort.NAME),
                PageRequest.first(100)).items()).extracting(Feature::name).doesNotContain("abc");
        assertThat(features.count(db, FeatureFilter.nameContains("%"))).isLessThan(names.size());
    }

    @ParameterizedTest(name = "exact lookups of {0}")
    @MethodSource("literalTexts")
    void whenLookingUpExactlyThenOnlyTheLiteralValueMatches(String text) {
        assertThat(features.findByName(db, text).isPresent()).isEqualTo(names.contains(text));
        assertThat(features.findByName(db, "contains " + text + " inside")).isPresent();
        assertThat(roles.findByName(db, "contains " + text + " inside")).isPresent();
        assertThat(users.findByEmail(db, text)).isEmpty();
    }

    @Test
    void whenAUserEmailContainsAnUnderscoreThenLookupIsExact() {
        assertThat(users.findByEmail(db, "a_c@example.com")).get().extracting(u -> u.email()).isEqualTo("a_c@example.com");
        assertThat(users.findByEmail(db, "a%c@example.com")).isEmpty();
    }

    @Test
    void whenTheSearchTextIsHundredKilobytesThenTheFilterIsRefusedAndExactLookupsFindNothing() {
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> FeatureFilter.nameContains(HUGE))
                .withMessage("nameContains is too long: 102400 characters (at most 256)");
        assertThat(features.findByName(db, HUGE)).isEmpty();
        assertThat(roles.findByName(db, HUGE)).isEmpty();
        assertThat(users.findByEmail(db, HUGE)).isEmpty();
    }

    @Test
    void whenTextHoldsANulByteThenEveryFilterGivesTheInvalidInputError() {
        List<Throwable> failures = List.of(
                catchThrowable(() -> features.list(db, FeatureFilter.nameContains(NUL), FeatureRepository.NEWEST_FIRST,
                        PageRequest.first(10))),
                catchThrowable(() -> features.findByName(db, NUL)),
                catchThrowable(() -> roles.findByName(db, NUL)),
                catchThrowable(() -> users.findByEmail(db, NUL)),
                catchThrowable(() -> features.create(db, FeatureDraft.named(NUL))));

        assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(UnclassifiedDatabaseException.class));
    }

    @Test
    void whenTextHoldsALoneSurrogateThenItIsRefusedInsteadOfMatchingQuestionMarks() {
        String lone = "bad\uD800text";

        assertThat(List.of(
                catchThrowable(() -> features.count(db, FeatureFilter.nameContains(lone))),
                catchThrowable(() -> features.findByName(db, lone)),
                catchThrowable(() -> roles.findByName(db, lone)),
                catchThrowable(() -> users.findByEmail(db, lone)),
                catchThrowable(() -> features.create(db, FeatureDraft.named(lone)))))
                .allSatisfy(failure -> assertThat(failure).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("not valid Unicode"));
    }

    @Test
    void whenSeventyThousandIdsAreGivenThenTheyTravelAsOneArrayAndMatchExactly() {
        List<java.util.UUID> real = features.list(db, FeatureFilter.any(), Sort.asc(FeatureSort.NAME),
                PageRequest.first(3)).items().stream().map(Feature::id).toList();
        List<java.util.UUID> ids = new java.util.ArrayList<>(java.util.stream.Stream
                .generate(java.util.UUID::randomUUID).limit(70_000).toList());
        ids.addAll(real);

        assertThat(features.count(db, FeatureFilter.any().withIds(ids))).isEqualTo(3);
        assertThat(features.list(db, FeatureFilter.any().withIds(ids), Sort.asc(FeatureSort.NAME),
                PageRequest.first(10)).items()).extracting(Feature::id).containsExactlyElementsOf(real);
        assertThat(features.count(db, FeatureFilter.any().withIds(List.of()))).isZero();
    }

    @Test
    void whenConfigHoldsNanOrInfinityThenInvalidInputIsThrownAndNothingIsStored() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> features.create(db,
                    new FeatureDraft("odd-number", null, true, java.util.Map.of("ratio", odd))));
        }
        assertThat(features.findByName(db, "odd-number")).isEmpty();
    }

    @Test
    void whenACursorCarriesAMalformedUuidThenItIsRefused() {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String forged = "k1." + base64.encodeToString("2026-11-27T00:00:00Z".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + base64.encodeToString("not-a-uuid' OR 1=1".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> features.listKeyset(db, FeatureFilter.any(), KeysetRequest.after(forged, 10)))
                .withMessageStartingWith("Invalid page cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password_hash", "name; DROP TABLE users", "1", "-", "email desc", "created_at,,name"})
    void whenASortKeyIsNotAllowedThenTheValidationErrorIsThrownBeforeAnySql(String spec) {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> Sort.parse(spec, UserSort.class))
                .withMessageStartingWith("Unknown sort key");
    }

    @Test
    void whenUsersAreListedWithAValidSortThenItWorks() {
        assertThat(users.list(db, Filter.all(), Sort.parse("-email", UserSort.class), PageRequest.first(10)).items())
                .extracting(u -> u.email()).containsExactly("abc@example.com", "a_c@example.com");
    }
}
