package dev.lumen.db.repository;

import static dev.lumen.db.repository.RepositoryTestSupport.outcome;
import static dev.lumen.db.schema.Tables.NEW_FEATURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureChanges;
import dev.lumen.db.repository.features.FeatureDraft;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.features.FeatureSort;
import dev.lumen.db.repository.users.UserSort;
import dev.lumen.db.schema.tables.records.NewFeaturesRecord;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@LumenDbTest
class FeatureRepositoryTest {

    static LumenDb db;
    final FeatureRepository features = new FeatureRepository();

    @BeforeAll
    static void start(TestDatabase database) {
        db = RepositoryTestSupport.start(database);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        RepositoryTestSupport.emptyTables(db);
    }

    @Test
    void whenCreatedThenTheDatabaseFillsIdDefaultsAndTimestampsAndConfigRoundTripsAsStructuredData() {
        Map<String, Object> config = Map.of("rollout", 25, "regions", List.of("eu", "us"),
                "limits", Map.of("rps", 100, "burst", true));

        Feature created = features.create(db, new FeatureDraft("dark-mode", "Dark theme", false, config));

        assertThat(created.id()).isNotNull();
        assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
        assertThat(created.enabled()).isFalse();
        assertThat(created.config()).isEqualTo(config);
        assertThat(features.get(db, created.id())).isEqualTo(created);
        assertThat(features.findByName(db, "dark-mode")).contains(created);
        // Stored as JSON by lumen-db's JsonConverter (the forced type in lumen-db-schema's codegen.xml), read as text.
        assertThat(db.dsl().select(DSL.field(DSL.name("config"), SQLDataType.JSONB)).from(DSL.table(DSL.name("new_features")))
                .where(DSL.field(DSL.name("id"), SQLDataType.UUID).eq(created.id())).fetchSingle().value1().data())
                .startsWith("{").contains("\"rollout\": 25", "\"regions\": [\"eu\", \"us\"]");
    }

    @Test
    void whenUpdatedThenOnlyTheGivenColumnsChangeAndUpdatedAtMoves() {
        Feature created = features.create(db, FeatureDraft.named("beta"));
        db.dsl().update(NEW_FEATURES).set(NEW_FEATURES.CREATED_AT, created.createdAt().minusHours(1))
                .where(NEW_FEATURES.ID.eq(created.id())).execute();

        Feature updated = features.update(db, created.id(),
                FeatureChanges.none().withEnabled(true).withConfig(Map.of("percent", 50)));

        assertThat(updated.enabled()).isTrue();
        assertThat(updated.config()).containsEntry("percent", 50);
        assertThat(updated.name()).isEqualTo("beta");
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> features.update(db, created.id(), FeatureChanges.none()))
                .withMessage("Nothing to update: no column of the feature was set");
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> features.update(db, UUID.randomUUID(), FeatureChanges.none().withName("x")));
    }

    @Test
    void whenSoftDeletedThenTheRowIsAbsentFromEveryReadUntilRestored() {
        Feature kept = features.create(db, FeatureDraft.named("kept"));
        Feature gone = features.create(db, FeatureDraft.named("gone"));

        assertThat(features.delete(db, gone.id())).isTrue();
        assertThat(features.delete(db, gone.id())).as("deleting twice").isFalse();

        assertThat(features.find(db, gone.id())).isEmpty();
        assertThat(features.exists(db, gone.id())).isFalse();
        assertThat(features.findByName(db, "gone")).isEmpty();
        assertThat(features.count(db, Filter.all())).isEqualTo(1);
        assertThat(features.list(db, FeatureFilter.any(), FeatureRepository.NEWEST_FIRST, PageRequest.first(10))
                .items()).extracting(Feature::id).containsExactly(kept.id());
        assertThat(features.listKeyset(db, FeatureFilter.any(), KeysetRequest.first(10)).items())
                .extracting(Feature::id).containsExactly(kept.id());
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> features.get(db, gone.id()))
                .withMessage("feature not found (id " + gone.id() + ")");
        assertThat(features.find(db, gone.id(), Visibility.ALL)).isPresent();
        assertThat(features.count(db, Filter.all(), Visibility.DELETED)).isEqualTo(1);

        assertThat(features.restore(db, gone.id())).isTrue();

        assertThat(features.get(db, gone.id()).deletedAt()).isNull();
        assertThat(features.count(db, Filter.all())).isEqualTo(2);
    }

    @Test
    void whenListingThenFiltersCombineAndTheDefaultOrderIsNewestFirst() {
        OffsetDateTime base = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Feature f = features.create(db, new FeatureDraft("Flag-" + i, null, i % 2 == 0, Map.of()));
            db.dsl().update(NEW_FEATURES).set(NEW_FEATURES.CREATED_AT, base.plusDays(i))
                    .where(NEW_FEATURES.ID.eq(f.id())).execute();
            ids.add(f.id());
        }

        Page<Feature> enabled = features.list(db, FeatureFilter.any().withEnabled(true), FeatureRepository.NEWEST_FIRST,
                PageRequest.first(2));
        Page<Feature> window = features.list(db,
                FeatureFilter.nameContains("flag").withCreated(base.plusDays(1), base.plusDays(4)),
                Sort.asc(FeatureSort.NAME), PageRequest.first(10));

        assertThat(enabled.items()).extracting(Feature::name).containsExactly("Flag-4", "Flag-2");
        assertThat(enabled.hasNext()).isTrue();
        assertThat(features.list(db, FeatureFilter.any().withEnabled(true), FeatureRepository.NEWEST_FIRST,
                enabled.request().next()).items()).extracting(Feature::name).containsExactly("Flag-0");
        assertThat(window.items()).extracting(Feature::name).containsExactly("Flag-1", "Flag-2", "Flag-3");
        assertThat(window.hasNext()).isFalse();
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> FeatureFilter.any().withCreated(base.plusDays(2), base.plusDays(1)));
    }

    static List<OffsetDateTime> extremeTimes() {
        return List.of(OffsetDateTime.MIN, OffsetDateTime.MAX,
                OffsetDateTime.parse("+294277-01-01T00:00:00Z"), OffsetDateTime.parse("+294276-12-31T23:59:59.999999999Z"),
                OffsetDateTime.parse("-4714-11-23T00:00:00Z"), OffsetDateTime.parse("-4713-11-24T00:00:00Z"),
                OffsetDateTime.parse("0001-01-01T00:00:00+18:00"), OffsetDateTime.parse("9999-12-31T23:59:59.999999999-18:00"),
                OffsetDateTime.parse("+10000-01-01T00:00:00Z"), OffsetDateTime.parse("2026-01-03T00:00:00.0000005Z"));
    }

    /** count() and list() of one filter agree on the number of rows, or fail alike, at every edge of time. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("extremeTimes")
    void whenAWindowStartsOrEndsAtAnExtremeTimeThenCountAndListAgree(OffsetDateTime edge) {
        OffsetDateTime base = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 4; i++) {
            Feature f = features.create(db, new FeatureDraft("Edge-" + i, null, true, Map.of()));
            db.dsl().update(NEW_FEATURES).set(NEW_FEATURES.CREATED_AT, base.plusDays(i))
                    .where(NEW_FEATURES.ID.eq(f.id())).execute();
        }
        for (FeatureFilter filter : List.of(FeatureFilter.any().withCreated(edge, null),
                FeatureFilter.any().withCreated(null, edge))) {
            Object counted = outcome(() -> features.count(db, filter));
            Object listed = outcome(() -> (long) features.list(db, filter, FeatureRepository.NEWEST_FIRST,
                    PageRequest.first(100)).items().size());
            assertThat(counted).as("count vs list of %s", filter).isEqualTo(listed);
        }
    }

    @Test
    void whenWalkingKeysetPagesWhileRowsAreInsertedThenNoRowRepeatsOrIsSkipped() {
        List<NewFeaturesRecord> rows = IntStream.range(0, 1_000)
                .mapToObj(i -> FeatureRepository.record(FeatureDraft.named("bulk-" + i)))
                .toList();
        assertThat(features.insertAll(db, rows)).isEqualTo(1_000);
        Set<UUID> original = new HashSet<>(db.dsl().select(NEW_FEATURES.ID).from(NEW_FEATURES).fetch(NEW_FEATURES.ID));

        List<UUID> seen = new ArrayList<>();
        KeysetPage<Feature> page = features.listKeyset(db, FeatureFilter.any(), KeysetRequest.first(37));
        int pages = 1;
        while (true) {
            page.items().forEach(f -> seen.add(f.id()));
            features.create(db, FeatureDraft.named("inserted-between-pages-" + pages));
            if (page.nextCursor() == null) {
                break;
            }
            page = features.listKeyset(db, FeatureFilter.any(), KeysetRequest.after(page.nextCursor(), 37));
            pages++;
        }

        assertThat(seen).doesNotHaveDuplicates().hasSize(1_000);
        assertThat(new HashSet<>(seen)).isEqualTo(original);
        assertThat(pages).isEqualTo(28);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "k1.", "k1.AAAA", "k1.%%%.@@@", "x1.MjAyNg.MjAyNg"})
    void whenACursorIsMalformedThenTheValidationErrorSaysSo(String cursor) {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> features.listKeyset(db, FeatureFilter.any(), KeysetRequest.after(cursor, 10)))
                .withMessageStartingWith("Invalid page cursor");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1_000_000_000, 1_001})
    void whenThePageSizeIsOutOfRangeThenTheValidationErrorSaysSo(int limit) {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> PageRequest.first(limit))
                .withMessage("Page limit must be between 1 and 1000, got " + limit);
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> KeysetRequest.first(limit));
    }

    @Test
    void whenTheOffsetIsNegativeOrHugeThenTheValidationErrorSaysSo() {
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> PageRequest.of(10, -1));
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> PageRequest.of(10, 1_000_000_001L));
    }

    @Test
    void whenASortKeyIsUnknownOrBelongsToAnotherRepositoryThenTheValidationErrorListsTheAllowedOnes() {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> Sort.parse("-created_at,password_hash", FeatureSort.class))
                .withMessage("Unknown sort key 'password_hash'; allowed: name, created_at, updated_at, is_enabled");
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> features.list(db, FeatureFilter.any(), Sort.asc(UserSort.EMAIL), PageRequest.first(5)))
                .withMessageStartingWith("Unknown sort key 'email'");
        assertThat(Sort.parse("-created_at, name", FeatureSort.class).orders())
                .extracting(Sort.Order::key, Sort.Order::direction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FeatureSort.CREATED_AT, Sort.Direction.DESC),
                        org.assertj.core.groups.Tuple.tuple(FeatureSort.NAME, Sort.Direction.ASC));
    }

    @Test
    void whenBulkInsertingThenSpecialCharactersRoundTripAndMixedColumnsAreRefused() {
        String tricky = "tab\there\nnew line \\ back\\slash \r ünïcødé 🚀 'quote' \"dq\" $$";
        long inserted = features.insertAll(db, List.of(
                FeatureRepository.record(new FeatureDraft(tricky, "d\\N", true, Map.of("k", "v\tw")))));

        assertThat(inserted).isEqualTo(1);
        Feature stored = features.findByName(db, tricky).orElseThrow();
        assertThat(stored.description()).isEqualTo("d\\N");
        assertThat(stored.config()).containsEntry("k", "v\tw");
        assertThat(stored.enabled()).isTrue();

        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> features.insertAll(db, List.of(new NewFeaturesRecord().setName("a"),
                        new NewFeaturesRecord().setName("b").setIsEnabled(true))))
                .withMessageStartingWith("insertAll needs every row to set the same columns");
        assertThat(features.findByName(db, "a")).as("the COPY was cancelled, not half done").isEmpty();
    }

    @Test
    void whenABulkInsertHitsABadRowThenNoRowIsStored() {
        List<NewFeaturesRecord> rows = List.of(new NewFeaturesRecord().setName("ok-1"),
                new NewFeaturesRecord().setName("bad\u0000nul"), new NewFeaturesRecord().setName("ok-2"));

        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> features.insertAll(db, rows));
        assertThat(features.count(db, Filter.all())).isZero();
    }

    @Test
    void whenABulkInsertRunsInATransactionThatRollsBackThenNoRowIsStored() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> db.transactions().run(tx -> {
            features.insertAll(tx, List.of(FeatureRepository.record(FeatureDraft.named("in-tx"))));
            assertThat(features.count(tx, Filter.all())).isEqualTo(1);
            throw new IllegalStateException("roll back");
        }));

        assertThat(features.count(db, Filter.all())).isZero();
    }

    @Test
    void whenSearchingByNameThenTheQueryUsesTheTrigramIndex() {
        features.insertAll(db, IntStream.range(0, 20_000)
                .mapToObj(i -> FeatureRepository.record(FeatureDraft.named("feature " + UUID.randomUUID())))
                .toList());
        features.create(db, FeatureDraft.named("Dark-Mode"));
        // As autovacuum would: fold the GIN pending list into the index and refresh statistics.
        db.dsl().execute("VACUUM ANALYZE new_features");
        RecordingScope scope = new RecordingScope(db);

        assertThat(features.list(scope, FeatureFilter.nameContains("dark-mode"), FeatureRepository.NEWEST_FIRST,
                PageRequest.first(10)).items()).extracting(Feature::name).containsExactly("Dark-Mode");
        assertThat(scope.lastPlan()).contains("idx_new_features_name_trgm");
    }
}
