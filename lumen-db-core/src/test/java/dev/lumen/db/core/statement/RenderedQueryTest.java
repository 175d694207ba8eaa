package dev.lumen.db.core.statement;

import static dev.lumen.db.core.statement.RenderedQuery.placeholder;
import static dev.lumen.db.core.fixture.Tables.NEW_FEATURES;
import static dev.lumen.db.core.fixture.Tables.ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.lumen.db.core.LogCapture;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.observe.StatementBudget;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.core.fixture.tables.records.NewFeaturesRecord;
import dev.lumen.db.test.Canaries;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

@LumenDbTest
class RenderedQueryTest {

    @Test
    void whenRenderedOnceThenEveryExecutionBindsItsOwnValuesAndReadsWhatJooqReads(TestDatabase database) {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry())) {
            DSLContext dsl = db.dsl();
            RenderedQuery insert = RenderedQuery.render(dsl, dsl.insertInto(NEW_FEATURES)
                    .set(NEW_FEATURES.NAME, placeholder(0, NEW_FEATURES.NAME))
                    .set(NEW_FEATURES.DESCRIPTION, placeholder(1, NEW_FEATURES.DESCRIPTION))
                    .set(NEW_FEATURES.IS_ENABLED, placeholder(2, NEW_FEATURES.IS_ENABLED))
                    .set(NEW_FEATURES.CONFIG, placeholder(3, NEW_FEATURES.CONFIG))
                    .returning(NEW_FEATURES.fields()), NEW_FEATURES.fields());
            assertThat(insert).isNotNull();
            assertThat(insert.sql()).contains("insert into", "?").doesNotContain("lumen_p", "it's");

            NewFeaturesRecord first = insert.fetch(db, RecordFactory.of(NEW_FEATURES), "it's 100% _odd_", null, true,
                    JSONB.valueOf("{\"rollout\": 5}")).getFirst();
            NewFeaturesRecord second = insert.fetch(db, RecordFactory.of(NEW_FEATURES), "plain", "described", false,
                    JSONB.valueOf("{}")).getFirst();

            RenderedQuery byIds = RenderedQuery.render(dsl, dsl.selectFrom(NEW_FEATURES)
                    .where(NEW_FEATURES.ID.eq(DSL.any(placeholder(0, SQLDataType.UUID.array()))))
                    .orderBy(NEW_FEATURES.NAME), NEW_FEATURES.fields());
            List<NewFeaturesRecord> direct = byIds.fetch(db, RecordFactory.of(NEW_FEATURES),
                    (Object) new UUID[] {first.getId(), second.getId()});
            List<NewFeaturesRecord> viaJooq = dsl.selectFrom(NEW_FEATURES).orderBy(NEW_FEATURES.NAME).fetch();

            assertThat(direct).containsExactlyElementsOf(viaJooq);
            assertThat(direct.getFirst().getName()).isEqualTo("it's 100% _odd_");
            assertThat(direct.getFirst().getDescription()).isNull();
            assertThat(direct.getFirst().getConfig().data()).isEqualTo("{\"rollout\": 5}");
            assertThat(direct.getFirst().getCreatedAt()).isEqualTo(viaJooq.getFirst().getCreatedAt());
            assertThat(direct.get(1).getIsEnabled()).isFalse();
            assertThat(direct).allSatisfy(row -> assertThat(row.changed()).isFalse());
        }
    }

    @Test
    void whenAStatementFailsThenItThrowsTheTypedExceptionAndCountsLikeJooqsPath(TestDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), registry)) {
            RenderedQuery insert = insertRole(db.dsl());
            insert.fetch(db, RecordFactory.of(ROLES), "taken");

            assertThatExceptionOfType(UniqueViolationException.class)
                    .isThrownBy(() -> insert.fetch(db, RecordFactory.of(ROLES), "taken"))
                    .withMessageNotContaining("taken");
            assertThat(registry.get(MetricNames.QUERY).tags(MetricNames.TYPE, "insert", MetricNames.OUTCOME, "success",
                    MetricNames.PATH, "direct").timer().count()).isEqualTo(1);
            assertThat(registry.get(MetricNames.QUERY).tags(MetricNames.TYPE, "insert", MetricNames.OUTCOME, "error",
                    MetricNames.SQLSTATE_CLASS, "23", MetricNames.PATH, "direct").timer().count()).isEqualTo(1);
            assertThat(registry.find(MetricNames.QUERY).tags(MetricNames.TYPE, "insert", MetricNames.PATH, "jooq")
                    .timers()).allSatisfy(timer -> assertThat(timer.count()).isZero());
            assertThat(registry.get(MetricNames.QUERY_ERRORS).tags(MetricNames.ERROR, "unique_violation")
                    .counter().count()).isEqualTo(1);
            assertThat(db.dsl().fetchCount(ROLES, ROLES.NAME.eq("taken"))).isEqualTo(1);
        }
    }

    @Test
    void whenSlowThenTheLogLineShowsPlaceholdersAndNeverTheValues(TestDatabase database) {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.slow-query-threshold", "1ms")), new SimpleMeterRegistry());
                LogCapture slowLog = new LogCapture("dev.lumen.db.slow-query")) {
            // The statement must be slower than the 1 ms threshold on any machine: an idle one inserts a row faster.
            RenderedQuery insert = RenderedQuery.render(db.dsl(), db.dsl().insertInto(ROLES)
                    .set(ROLES.NAME, DSL.concat(placeholder(0, ROLES.NAME),
                            DSL.field("(select pg_sleep(0.02))::text", String.class)))
                    .returning(ROLES.fields()), ROLES.fields());
            assertThat(insert).isNotNull();
            insert.fetch(db, RecordFactory.of(ROLES), Canaries.SECRET);

            assertThat(slowLog.messages()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .startsWith("Slow insert (").contains("insert into", "?").doesNotContain(Canaries.SECRET));
        }
    }

    @Test
    void whenRepeatedInATransactionThenTheN1DetectorAndQueryBudgetsSeeDirectStatements(TestDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.repeated-statement-threshold", "5")), registry)) {
            RenderedQuery byName = RenderedQuery.render(db.dsl(),
                    db.dsl().selectFrom(ROLES).where(ROLES.NAME.eq(placeholder(0, ROLES.NAME))), ROLES.fields());

            db.transactions().run(TxOptions.defaults(), tx -> {
                for (int i = 0; i < 5; i++) {
                    byName.fetch(tx, RecordFactory.of(ROLES), "role-" + i);
                }
            });
            StatementBudget.Spent<Integer> spent = StatementBudget.count(db, scope -> {
                assertThat(RenderedQuery.runsDirectly(scope)).isTrue();
                return byName.fetch(scope, RecordFactory.of(ROLES), "a").size() + byName.fetch(scope, RecordFactory.of(ROLES), "b").size();
            });

            assertThat(registry.get(MetricNames.REPEATED_STATEMENTS).tag(MetricNames.TYPE, "select").counter().count())
                    .isEqualTo(1);
            assertThat(spent.statements()).containsExactly(byName.sql(), byName.sql());
        }
    }

    @Test
    void whenTheScopeCarriesAListenerThatCannotSeeDirectStatementsThenJooqsPathIsRequired(TestDatabase database) {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry())) {
            DSLContext withForeignListener = DSL.using(db.dsl().configuration().deriveAppending(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    // a listener written for jOOQ only
                }
            }));

            assertThat(RenderedQuery.runsDirectly(db)).isTrue();
            assertThat(RenderedQuery.runsDirectly(() -> withForeignListener)).isFalse();
            RenderedQuery insert = insertRole(db.dsl());
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> insert.fetch(() -> withForeignListener, RecordFactory.of(ROLES), "x"));
            assertThat(db.dsl().fetchCount(ROLES, ROLES.NAME.eq("x"))).isZero();
        }
    }

    @Test
    void whenATypeHasNoPlainJdbcCallThenItsJooqBindingServesTheDirectPathAndValueCountsAreChecked(TestDatabase database) {
        try (LumenDb db = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry())) {
            Field<org.jooq.types.YearToSecond> interval = placeholder(0, SQLDataType.INTERVAL);
            RenderedQuery select = RenderedQuery.render(db.dsl(), db.dsl().select(interval), new Field<?>[] {interval});
            org.jooq.types.YearToSecond span = org.jooq.types.YearToSecond.valueOf("1-2 3 04:05:06");
            assertThat(select).isNotNull();
            assertThat(select.fetch(db, (configuration, values) -> values[0], span))
                    .containsExactly(db.dsl().select(DSL.val(span, SQLDataType.INTERVAL)).fetchOne().value1());
            assertThat(RenderedQuery.render(DSL.using(org.jooq.SQLDialect.MYSQL), DSL.using(org.jooq.SQLDialect.MYSQL)
                    .select(interval), new Field<?>[] {interval})).as("another dialect").isNull();

            RenderedQuery insert = insertRole(db.dsl());
            assertThatIllegalArgumentException().isThrownBy(() -> insert.fetch(db, RecordFactory.of(ROLES), "a", "b"))
                    .withMessage("Expected 1 values, got 2");
        }
    }

    private static RenderedQuery insertRole(DSLContext dsl) {
        RenderedQuery insert = RenderedQuery.render(dsl,
                dsl.insertInto(ROLES).set(ROLES.NAME, placeholder(0, ROLES.NAME)).returning(ROLES.fields()),
                ROLES.fields());
        assertThat(insert).isNotNull();
        return insert;
    }
}
