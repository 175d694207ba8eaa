package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.observe.StatementBudget;
import dev.lumen.db.core.statement.RenderedQuery;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureChanges;
import dev.lumen.db.repository.features.FeatureDraft;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.features.FeatureSort;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.repository.users.UserSort;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direct path (SQL rendered once per shape, then only bound) returns exactly what jOOQ's path returns, for
 * every repository method and filter shape; a {@link RecordingScope} carries a plain jOOQ listener and so takes
 * jOOQ's path.
 */
@LumenDbTest
class DirectPathTest {

    static LumenDb db;
    final FeatureRepository features = new FeatureRepository();

    @BeforeAll
    static void start(TestDatabase database) {
        db = RepositoryTestSupport.start(database);
        RepositoryTestSupport.emptyTables(db);
        FeatureRepository features = new FeatureRepository();
        for (String name : List.of("100% off", "100_off", "a_c", "abc", "Dark mode", "dark-MODE", "o'brien", "\\path")) {
            for (int copy = 0; copy < 3; copy++) {
                features.create(db, new FeatureDraft(name, copy == 0 ? null : "copy " + copy, copy % 2 == 0,
                        Map.of("copy", copy)));
            }
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void whenEveryFilterShapeIsListedBothWaysThenPagesAndKeysetWalksAreEqual() {
        RecordingScope jooq = new RecordingScope(db);
        assertThat(RenderedQuery.runsDirectly(db)).isTrue();
        assertThat(RenderedQuery.runsDirectly(jooq)).isFalse();
        List<Feature> all = features.list(db, Filter.all(), FeatureRepository.NEWEST_FIRST, PageRequest.first(100)).items();
        OffsetDateTime middle = all.get(all.size() / 2).createdAt();
        List<Filter> filters = List.of(Filter.all(), FeatureFilter.any(), FeatureFilter.nameContains("%"),
                FeatureFilter.nameContains("_"), FeatureFilter.nameContains("a_c"), FeatureFilter.nameContains("MODE"),
                FeatureFilter.nameContains("'"), FeatureFilter.nameContains("\\"),
                FeatureFilter.nameContains("dark").withEnabled(true),
                FeatureFilter.any().withCreated(middle, null), FeatureFilter.any().withCreated(null, middle),
                FeatureFilter.any().withIds(all.subList(0, 5).stream().map(Feature::id).toList()));

        for (Filter filter : filters) {
            for (Sort sort : List.of(FeatureRepository.NEWEST_FIRST, Sort.asc(FeatureSort.NAME))) {
                for (PageRequest page : List.of(PageRequest.first(4), PageRequest.of(4, 4), PageRequest.first(100))) {
                    assertThat(features.list(db, filter, sort, page)).as("%s %s %s", filter, sort, page)
                            .isEqualTo(features.list(jooq, filter, sort, page));
                }
            }
            assertThat(walk(db, filter)).as("keyset %s", filter).isEqualTo(walk(jooq, filter))
                    .hasSize((int) features.count(db, filter));
            assertThat(features.count(db, filter)).isEqualTo(features.count(jooq, filter));
        }
        assertThat(features.list(db, FeatureFilter.nameContains("_"), Sort.asc(FeatureSort.NAME), PageRequest.first(100))
                .items()).extracting(Feature::name).containsOnly("100_off", "a_c");
        assertThat(jooq.statements()).isPositive();
    }

    @Test
    void whenWrittenThroughBothPathsThenEachSeesTheOthersChanges() {
        RecordingScope jooq = new RecordingScope(db);
        Feature direct = features.create(db, new FeatureDraft("written-direct", "d", true, Map.of("a", 1)));
        Feature viaJooq = features.create(jooq, new FeatureDraft("written-jooq", "j", false, Map.of("b", 2)));

        assertThat(features.get(jooq, direct.id())).isEqualTo(direct);
        assertThat(features.get(db, viaJooq.id())).isEqualTo(viaJooq);
        Feature renamed = features.update(db, viaJooq.id(), FeatureChanges.none().withEnabled(true));
        assertThat(features.get(jooq, viaJooq.id())).isEqualTo(renamed);
        assertThat(features.delete(db, direct.id())).isTrue();
        assertThat(features.delete(jooq, direct.id())).isFalse();
        assertThat(features.find(jooq, direct.id())).isEmpty();
        assertThat(features.find(db, direct.id(), Visibility.DELETED)).isPresent();
        assertThat(features.findByName(db, "written-jooq")).isEqualTo(features.findByName(jooq, "written-jooq"))
                .contains(renamed);
    }

    @Test
    void whenTheValueTypeIsTheGeneratedPojoThenRowsSkipRecordsAndStillEqualJooqsPath() {
        assertThat(new PojoMapper<>(USERS, User.class).values()).isNotNull();
        assertThat(new PojoMapper<>(USERS, Object[].class).values()).as("not the table's POJO").isNull();
        UserRepository users = new UserRepository();
        RecordingScope jooq = new RecordingScope(db);

        User direct = users.create(db, new NewUser("Pojo.Direct@example.org", "hash-1", "Ada", "Lovelace"));
        User viaJooq = users.create(jooq, new NewUser("pojo.jooq@example.org", "hash-2", "Grace", "Hopper"));
        users.updateLastLogin(db, viaJooq.id());

        assertThat(users.get(jooq, direct.id())).isEqualTo(direct);
        assertThat(users.get(db, viaJooq.id())).isEqualTo(users.get(jooq, viaJooq.id()));
        assertThat(users.get(db, viaJooq.id()).lastLoginAt()).isNotNull();
        assertThat(users.findByEmail(db, "POJO.direct@EXAMPLE.org")).contains(direct);
        for (PageRequest page : List.of(PageRequest.first(1), PageRequest.of(1, 1), PageRequest.first(10))) {
            assertThat(users.list(db, Filter.all(), Sort.asc(UserSort.EMAIL), page))
                    .isEqualTo(users.list(jooq, Filter.all(), Sort.asc(UserSort.EMAIL), page));
        }
        assertThat(users.list(db, Filter.all(), Sort.asc(UserSort.EMAIL), PageRequest.first(10)).items())
                .containsExactly(direct, users.get(db, viaJooq.id()));
    }

    @Test
    void whenRepositoryCallsRunDirectlyThenQueryBudgetsStillCountThem() {
        Feature any = features.list(db, Filter.all(), FeatureRepository.NEWEST_FIRST, PageRequest.first(1)).items()
                .getFirst();

        StatementBudget.Spent<Integer> spent = StatementBudget.count(db, scope -> {
            features.get(scope, any.id());
            features.get(scope, any.id());
            return features.list(scope, FeatureFilter.nameContains("o"), FeatureRepository.NEWEST_FIRST,
                    PageRequest.first(5)).items().size();
        });

        assertThat(spent.statements()).hasSize(3).allSatisfy(sql -> assertThat(sql).contains("?").doesNotContain("'o'"));
        assertThat(spent.statements().get(0)).isEqualTo(spent.statements().get(1));
    }

    @Test
    void whenAFilterHasAShapeButNoTemplateThenItTakesJooqsPathRatherThanSharingItsFirstValues() {
        List<Feature> all = features.list(db, Filter.all(), FeatureRepository.NEWEST_FIRST, PageRequest.first(100))
                .items();
        for (Feature wanted : List.of(all.get(0), all.get(1))) {
            Filter careless = new Filter() {
                @Override
                public Condition condition() {
                    return dev.lumen.db.schema.Tables.NEW_FEATURES.ID.eq(wanted.id());
                }

                @Override
                public Object shape() {
                    return "careless";
                }
            };

            assertThat(features.list(db, careless, FeatureRepository.NEWEST_FIRST, PageRequest.first(5)).items())
                    .containsExactly(wanted);
        }
    }

    private List<Feature> walk(dev.lumen.db.core.DbScope scope, Filter filter) {
        List<Feature> seen = new ArrayList<>();
        KeysetPage<Feature> page = features.listKeyset(scope, filter, KeysetRequest.first(3));
        seen.addAll(page.items());
        while (page.nextCursor() != null) {
            page = features.listKeyset(scope, filter, KeysetRequest.after(page.nextCursor(), 3));
            seen.addAll(page.items());
        }
        return seen;
    }
}
