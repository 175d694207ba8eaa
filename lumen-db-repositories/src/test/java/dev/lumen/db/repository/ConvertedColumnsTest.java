package dev.lumen.db.repository;

import static dev.lumen.db.repository.ConvertedSamples.CONVERTED;
import static dev.lumen.db.repository.fixture.Tables.CONVERTED_SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.repository.ConvertedSamples.Mood;
import dev.lumen.db.repository.ConvertedSamples.Row;
import dev.lumen.db.repository.ConvertedSamples.Settings;
import dev.lumen.db.repository.ConvertedSamples.Status;
import dev.lumen.db.repository.ConvertedSamples.Value;
import dev.lumen.db.repository.fixture.enums.SampleMood;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record4;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Columns with a jOOQ {@code Converter} or custom {@code Binding} on every path: the database holds what the
 * converter's {@code to()} and the binding make (never a Java {@code toString()}), COPY included, and the
 * direct path returns what jOOQ's path returns.
 */
@LumenDbTest(migrated = false)
class ConvertedColumnsTest {

    static LumenDb db;
    static final TableRepository<Row, Value, UUID> converted = TableRepository.forTable(CONVERTED, CONVERTED.ID,
            Value.class);

    @BeforeAll
    static void start(TestDatabase database) {
        db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.migrations.locations", "classpath:fixtures/type-matrix")), new SimpleMeterRegistry());
        db.migrator().up();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void whenConvertedValuesTakeEveryPathThenTheDatabaseHoldsTheConvertedFormAndBothPathsAgree() {
        RecordingScope jooq = new RecordingScope(db);
        List<Row> rows = List.of(row(Status.LIVE, new Settings("dark", 3), List.of("a", "b,c", "\"q\""), Mood.SO_SO),
                row(Status.RETIRED, new Settings("light \"x\"\t", -1), List.of(), Mood.HAPPY),
                row(null, null, null, null));
        List<Value> stored = new ArrayList<>();
        for (Row row : rows) {
            Value direct = converted.insert(db, copy(row));
            Value viaJooq = converted.insert(jooq, copy(row));
            assertThat(direct).usingRecursiveComparison().ignoringFields("id").isEqualTo(viaJooq);
            assertThat(converted.get(db, direct.id())).isEqualTo(converted.get(jooq, direct.id())).isEqualTo(direct);
            assertThat(converted.update(db, viaJooq.id(), copy(row))).isEqualTo(converted.get(jooq, viaJooq.id()));
            stored.add(direct);
        }
        assertThat(converted.insertAll(db, rows.stream().map(ConvertedColumnsTest::copy).toList())).isEqualTo(3);

        // What the database holds, read through the fixture's plain generated class: the converted form.
        List<Record4<String, JSONB, String[], SampleMood>> raw = db.dsl()
                .select(CONVERTED_SAMPLES.STATUS, CONVERTED_SAMPLES.SETTINGS, CONVERTED_SAMPLES.TAGS, CONVERTED_SAMPLES.MOOD)
                .from(CONVERTED_SAMPLES).where(CONVERTED_SAMPLES.STATUS.eq("live")).fetch();
        assertThat(raw).hasSize(3).allSatisfy(r -> {
            assertThat(r.value2().data()).isEqualTo("{\"level\": 3, \"theme\": \"dark\"}");
            assertThat(r.value3()).containsExactly("a", "b,c", "\"q\"");
            assertThat(r.value4()).isEqualTo(SampleMood.so_so);
        });
        for (Status status : List.of(Status.LIVE, Status.RETIRED)) {
            Filter filter = new ByStatus(status);
            List<Value> direct = converted.list(db, filter, Sort.unsorted(), PageRequest.first(10)).items();
            assertThat(direct).hasSize(3).isEqualTo(converted.list(jooq, filter, Sort.unsorted(), PageRequest.first(10)).items());
            assertThat(converted.count(db, filter)).isEqualTo(3);
            assertThat(converted.listKeyset(db, filter, KeysetRequest.first(10)).items()).isEqualTo(direct)
                    .isEqualTo(converted.listKeyset(jooq, filter, KeysetRequest.first(10)).items());
        }
        Filter byMood = new ByMood(Mood.HAPPY);
        assertThat(converted.list(db, byMood, Sort.unsorted(), PageRequest.first(10)).items()).hasSize(3)
                .isEqualTo(converted.list(jooq, byMood, Sort.unsorted(), PageRequest.first(10)).items())
                .allSatisfy(v -> assertThat(v.settings()).isEqualTo(new Settings("light \"x\"\t", -1)));
        assertThat(jooq.statements()).isPositive();
    }

    private static Row row(@Nullable Status status, @Nullable Settings settings, @Nullable List<String> tags,
            @Nullable Mood mood) {
        Row row = new Row();
        row.set(CONVERTED.STATUS, status);
        row.set(CONVERTED.SETTINGS, settings);
        row.set(CONVERTED.TAGS, tags);
        row.set(CONVERTED.MOOD, mood);
        return row;
    }

    private static Row copy(Row row) {
        return row(row.get(CONVERTED.STATUS), row.get(CONVERTED.SETTINGS), row.get(CONVERTED.TAGS), row.get(CONVERTED.MOOD));
    }

    /** Rows of a status, through the binds. */
    record ByStatus(Status status) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Object shape() {
            return "status";
        }

        @Override
        public Condition condition(Binds binds) {
            return CONVERTED.STATUS.eq(binds.value(CONVERTED.STATUS, status));
        }
    }

    /** Rows of a mood, through the custom binding. */
    record ByMood(Mood mood) implements Filter {
        @Override
        public Condition condition() {
            return condition(Binds.inline());
        }

        @Override
        public Object shape() {
            return "mood";
        }

        @Override
        public Condition condition(Binds binds) {
            Field<Mood> column = CONVERTED.MOOD;
            return column.eq(binds.value(column, mood));
        }
    }
}
