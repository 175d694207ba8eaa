package dev.lumen.db.repository;

import static dev.lumen.db.repository.RepositoryTestSupport.outcome;
import static dev.lumen.db.repository.fixture.Tables.TYPE_SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.repository.fixture.enums.SampleMood;
import dev.lumen.db.repository.fixture.tables.pojos.TypeSample;
import dev.lumen.db.repository.fixture.tables.records.TypeSamplesRecord;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToMonth;
import org.jooq.types.YearToSecond;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, "every column type, every path": for each column type of the fixture schema (generated classes, as
 * users have them) and each edge value, insert, find, update, list, keyset and insertAll (COPY) store and return
 * the same values on the direct path as on jOOQ's path, and the value written is the value read.
 */
@LumenDbTest(migrated = false)
class TypeMatrixTest {

    static LumenDb db;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static final TableRepository<TypeSamplesRecord, TypeSample, UUID> samples =
            TableRepository.forTable(TYPE_SAMPLES, TYPE_SAMPLES.ID, TypeSample.class);

    @BeforeAll
    static void start(TestDatabase database) {
        db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.migrations.locations", "classpath:fixtures/type-matrix")), registry);
        db.migrator().up();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** One column and the values it must carry unchanged. */
    record Case(Field<?> column, List<@Nullable Object> values, boolean comparable) {
        @Override
        public String toString() {
            return column.getName();
        }
    }

    static Stream<Case> cases() {
        UUID u = UUID.fromString("2b0d3c4e-5f60-4172-8394-a5b6c7d8e9f0");
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 27, 8, 30, 15, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
        return Stream.of(
                new Case(TYPE_SAMPLES.TEXTS, values(new String[] {"a", "b,c", "\"q\"", "back\\slash", "", "NULL", "{x}",
                        "tab\there", "é 😀", null}, new String[0]), true),
                new Case(TYPE_SAMPLES.INTS, values((Object) new Integer[] {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, null}), true),
                new Case(TYPE_SAMPLES.BIGINTS, values((Object) new Long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0L}), true),
                new Case(TYPE_SAMPLES.DECIMALS, values((Object) new BigDecimal[] {new BigDecimal("1.50"),
                        new BigDecimal("-0.000001"), new BigDecimal("1E+20"), null}), true),
                new Case(TYPE_SAMPLES.FLAGS, values((Object) new Boolean[] {true, false, null}), true),
                new Case(TYPE_SAMPLES.UUIDS, values((Object) new UUID[] {u, new UUID(0, 0)}), true),
                new Case(TYPE_SAMPLES.INSTANTS, values((Object) new OffsetDateTime[] {t, t.withOffsetSameInstant(ZoneOffset.UTC)}), true),
                new Case(TYPE_SAMPLES.AMOUNT, values(new BigDecimal("12345678.90"), new BigDecimal("-0.01"), BigDecimal.ZERO), true),
                new Case(TYPE_SAMPLES.RATIO, values(new BigDecimal("3.14159265358979323846264338327950288"),
                        new BigDecimal("1E-30")), true),
                new Case(TYPE_SAMPLES.DOC, values(JSONB.valueOf("{\"a\": [1, 2.5, null], \"k\": \"v\\n\\t\\\\\", \"é\": true}"),
                        JSONB.valueOf("[]"), JSONB.valueOf("\"text\"")), true),
                new Case(TYPE_SAMPLES.DOC_JSON, values(JSON.valueOf("{\"b\":1,  \"a\":\"x\\ty\"}"), JSON.valueOf("null")), false),
                new Case(TYPE_SAMPLES.DATA, values(new byte[] {0, 1, (byte) 0xff, '\\', '\t', '\n'}, new byte[0]), true),
                new Case(TYPE_SAMPLES.DAY, values(LocalDate.of(2026, 11, 27), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)), true),
                new Case(TYPE_SAMPLES.CLOCK, values(LocalTime.of(23, 59, 59, 999_999_000), LocalTime.MIDNIGHT), true),
                new Case(TYPE_SAMPLES.LOCAL_AT, values(LocalDateTime.of(2026, 11, 27, 8, 30, 15, 123_456_000),
                        LocalDateTime.of(1970, 1, 1, 0, 0)), true),
                new Case(TYPE_SAMPLES.AT, values(t, OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-11)),
                        OffsetDateTime.MIN, OffsetDateTime.MAX), true),
                new Case(TYPE_SAMPLES.SPAN, values(new YearToSecond(new YearToMonth(1, 2), new DayToSecond(3, 4, 5, 6, 789_000_000)),
                        new YearToSecond(new YearToMonth(0, 0), new DayToSecond(0, 0, 0, 0, 1_000).neg())), true),
                new Case(TYPE_SAMPLES.EMAIL, values("Ada@Example.org", "ünï"), true),
                new Case(TYPE_SAMPLES.MOOD, values((Object[]) SampleMood.values()), true));
    }

    private static List<@Nullable Object> values(@Nullable Object... values) {
        List<@Nullable Object> list = new ArrayList<>(Arrays.asList(values));
        list.add(null);
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void whenAValueOfEachTypeTakesEveryPathThenBothPathsStoreAndReturnTheSameValue(Case type) {
        Field<Object> column = (Field<Object>) type.column();
        RecordingScope jooq = new RecordingScope(db);
        String label = "case-" + column.getName();
        for (Object value : type.values()) {
            String as = column.getName() + " = " + show(value);
            TypeSample direct = samples.insert(db, row(label, column, value));
            TypeSample viaJooq = samples.insert(jooq, row(label, column, value));
            assertThat(same(read(direct, column), value)).as("insert, direct: %s read %s", as, show(read(direct, column))).isTrue();
            assertThat(read(viaJooq, column)).as("insert, both paths: %s", as).isEqualTo(read(direct, column));
            assertThat(samples.get(db, direct.id())).as("find: %s", as).isEqualTo(samples.get(jooq, direct.id()));
            assertThat(samples.get(db, viaJooq.id())).as("find: %s", as).isEqualTo(samples.get(jooq, viaJooq.id()));

            TypeSamplesRecord change = new TypeSamplesRecord();
            change.set(column, value);
            TypeSample updatedDirect = samples.update(db, viaJooq.id(), change);
            TypeSample updatedViaJooq = samples.update(jooq, direct.id(), change);
            assertThat(read(updatedDirect, column)).as("update: %s", as).isEqualTo(read(updatedViaJooq, column));
            assertThat(updatedDirect).isEqualTo(samples.get(jooq, viaJooq.id()));
            assertThat(updatedViaJooq).isEqualTo(samples.get(db, direct.id()));

            assertThat(samples.insertAll(db, List.of(row(label, column, value), row(label, column, value)))).as("insertAll: %s", as).isEqualTo(2);
            Filter byLabel = new ByValue<>(TYPE_SAMPLES.LABEL, label);
            List<TypeSample> listed = samples.list(db, byLabel, Sort.unsorted(), PageRequest.first(10)).items();
            assertThat(listed).as("list: %s", as).hasSize(4)
                    .isEqualTo(samples.list(jooq, byLabel, Sort.unsorted(), PageRequest.first(10)).items())
                    .allSatisfy(sample -> assertThat(same(read(sample, column), value)).as("COPY wrote %s", as).isTrue());
            assertThat(walk(db, byLabel)).as("keyset: %s", as).isEqualTo(walk(jooq, byLabel)).isEqualTo(listed);
            if (type.comparable()) {
                Filter byValue = new ByValue<>(column, value);
                List<TypeSample> matching = samples.list(db, byValue, Sort.unsorted(), PageRequest.first(1000)).items();
                assertThat(matching).as("filter by value: %s", as)
                        .isEqualTo(samples.list(jooq, byValue, Sort.unsorted(), PageRequest.first(1000)).items());
                assertThat((long) matching.size()).as("count() agrees with list(): %s", as)
                        .isEqualTo(samples.count(db, byValue)).isEqualTo(samples.count(jooq, byValue));
                assertThat(matching).filteredOn(sample -> sample.label().equals(label)).as("rows of %s", as).hasSize(4);
            }
            db.dsl().deleteFrom(TYPE_SAMPLES).where(TYPE_SAMPLES.LABEL.eq(label)).execute();
        }
        assertThat(jooq.statements()).isPositive();
        assertThat(registry.get(MetricNames.QUERY).tags(MetricNames.PATH, "direct").timers()).isNotEmpty();
    }

    @Test
    void whenTheServerHoldsInfinityThenBothPathsReadTheSameValueAndOffsetDateTimeExtremesMeanInfinity() {
        RecordingScope jooq = new RecordingScope(db);
        TypeSample row = samples.insert(db, new TypeSamplesRecord().setLabel("infinite"));
        for (String value : List.of("infinity", "-infinity")) {
            db.dsl().update(TYPE_SAMPLES)
                    .set(TYPE_SAMPLES.DAY, DSL.field("{0}::date", LocalDate.class, DSL.inline(value)))
                    .set(TYPE_SAMPLES.LOCAL_AT, DSL.field("{0}::timestamp", LocalDateTime.class, DSL.inline(value)))
                    .set(TYPE_SAMPLES.AT, DSL.field("{0}::timestamptz", OffsetDateTime.class, DSL.inline(value)))
                    .set(TYPE_SAMPLES.INSTANTS, DSL.field("array[{0}::timestamptz]", OffsetDateTime[].class, DSL.inline(value)))
                    .where(TYPE_SAMPLES.ID.eq(row.id())).execute();

            TypeSample direct = samples.get(db, row.id());
            assertThat(direct).as(value).isEqualTo(samples.get(jooq, row.id()));
            assertThat(direct.at()).isEqualTo(value.startsWith("-") ? OffsetDateTime.MIN : OffsetDateTime.MAX);
            Filter stored = new ByValue<>(TYPE_SAMPLES.AT, direct.at());
            assertThat(samples.count(db, stored)).isEqualTo(1)
                    .isEqualTo(samples.list(db, stored, Sort.unsorted(), PageRequest.first(5)).items().size());
        }
    }

    @Test
    void whenADateOrTimestampExtremeIsWrittenThenBothPathsAndCopyAgreeOnTheOutcome() {
        RecordingScope jooq = new RecordingScope(db);
        for (Object[] extreme : new Object[][] {{TYPE_SAMPLES.DAY, LocalDate.MAX}, {TYPE_SAMPLES.DAY, LocalDate.MIN},
                {TYPE_SAMPLES.LOCAL_AT, LocalDateTime.MAX}, {TYPE_SAMPLES.LOCAL_AT, LocalDateTime.MIN}}) {
            @SuppressWarnings("unchecked")
            Field<Object> column = (Field<Object>) extreme[0];
            Object direct = outcome(() -> read(samples.insert(db, row("extreme", column, extreme[1])), column));
            Object viaJooq = outcome(() -> read(samples.insert(jooq, row("extreme", column, extreme[1])), column));
            Object copied = outcome(() -> samples.insertAll(db, List.of(row("extreme", column, extreme[1]))));
            assertThat(direct).as("%s %s", column.getName(), extreme[1]).isEqualTo(viaJooq);
            assertThat(copied instanceof Class<?>).as("COPY fails exactly when jOOQ does: %s", extreme[1])
                    .isEqualTo(viaJooq instanceof Class<?>);
        }
        db.dsl().deleteFrom(TYPE_SAMPLES).where(TYPE_SAMPLES.LABEL.eq("extreme")).execute();
    }

    private static TypeSamplesRecord row(String label, Field<Object> column, @Nullable Object value) {
        TypeSamplesRecord row = new TypeSamplesRecord().setLabel(label);
        row.set(column, value);
        return row;
    }

    private static @Nullable Object read(TypeSample sample, Field<?> column) {
        TypeSamplesRecord record = new TypeSamplesRecord();
        record.from(sample);
        return record.get(column);
    }

    /** Same meaning: the same instant for times with an offset, the same number for decimals. */
    private static boolean same(@Nullable Object read, @Nullable Object written) {
        return java.util.Objects.equals(normal(read), normal(written));
    }

    private static @Nullable Object normal(@Nullable Object value) {
        return switch (value) {
            case OffsetDateTime time when time.equals(OffsetDateTime.MIN) || time.equals(OffsetDateTime.MAX) -> time;
            case OffsetDateTime time -> time.toInstant();
            case BigDecimal number -> number.stripTrailingZeros();
            case JSONB json -> json.data().replace(" ", "");
            case Object[] array -> Arrays.stream(array).map(TypeMatrixTest::normal).toList();
            case byte[] bytes -> Arrays.toString(bytes);
            // jOOQ reads interval seconds through a double: PostgreSQL's microseconds survive, nanoseconds may not.
            case YearToSecond span -> List.of(span.getYearToMonth(), Math.round(span.getDayToSecond().getTotalMicro()));
            case org.postgresql.util.PGobject object -> object.getValue();
            case null, default -> value;
        };
    }

    private static String show(@Nullable Object value) {
        return value instanceof Object[] array ? Arrays.deepToString(array)
                : value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
    }

    private static List<TypeSample> walk(dev.lumen.db.core.DbScope scope, Filter filter) {
        List<TypeSample> seen = new ArrayList<>();
        KeysetPage<TypeSample> page = samples.listKeyset(scope, filter, KeysetRequest.first(3));
        seen.addAll(page.items());
        while (page.nextCursor() != null) {
            page = samples.listKeyset(scope, filter, KeysetRequest.after(page.nextCursor(), 3));
            seen.addAll(page.items());
        }
        return seen;
    }

    /** Rows whose column equals a value ({@code IS NULL} for null), through the binds. */
    record ByValue<T>(Field<T> column, @Nullable T value) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Object shape() {
            return List.of(column.getName(), value == null);
        }

        @Override
        public Condition condition(Binds binds) {
            return value == null ? column.isNull() : column.eq(binds.value(column, value));
        }
    }
}
