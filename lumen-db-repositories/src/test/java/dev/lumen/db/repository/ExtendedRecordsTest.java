package dev.lumen.db.repository;

import static dev.lumen.db.repository.fixture.extended.Tables.PARCELS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.repository.extended.Label;
import dev.lumen.db.repository.extended.Lifecycle;
import dev.lumen.db.repository.extended.Money;
import dev.lumen.db.repository.extended.ParcelStatus;
import dev.lumen.db.repository.extended.Titled;
import dev.lumen.db.repository.fixture.extended.enums.ParcelSize;
import dev.lumen.db.repository.fixture.extended.tables.pojos.Parcel;
import dev.lumen.db.repository.fixture.extended.tables.records.ParcelsRecord;
import dev.lumen.db.runtime.SoftDeletable;
import dev.lumen.db.runtime.SoftDeleteTable;
import dev.lumen.db.runtime.Timestamped;
import dev.lumen.db.runtime.TimestampedTable;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance of issue 13 on a fixture schema generated from a jOOQ codegen XML ({@code src/test/jooq/extended.xml}):
 * a {@code text} column as a Java enum ({@code enumConverter}), a PostgreSQL {@code ENUM}, {@code jsonb} as a Java
 * record (lumen-db's JsonConverter), {@code numeric} as a value type (a hand-written Converter), interfaces with
 * default methods on records and POJOs, a custom generator's method, and lumen-db's SoftDeletable/Timestamped, driven
 * through every {@link TableRepository} path against PostgreSQL, checking the stored text with plain SQL.
 */
@LumenDbTest(migrated = false)
class ExtendedRecordsTest {

    static LumenDb db;
    static final TableRepository<ParcelsRecord, Parcel, UUID> parcels = TableRepository.forTable(PARCELS, PARCELS.ID,
            Parcel.class);
    /** Keyset pages ordered by a converted column: the cursor carries the price through its converter. */
    static final TableRepository<ParcelsRecord, Parcel, UUID> byPrice = new ByPrice();

    static final class ByPrice extends TableRepository<ParcelsRecord, Parcel, UUID> {
        ByPrice() {
            super(PARCELS, PARCELS.ID, "parcel", mapperTo(PARCELS, Parcel.class),
                    List.of(SortKey.of("price", PARCELS.PRICE)), Sort.asc(SortKey.of("price", PARCELS.PRICE)));
        }
    }

    @BeforeAll
    static void start(TestDatabase database) {
        db = LumenDb.start(TestConfigs.forDatabase(database,
                Map.of("lumen.db.migrations.locations", "classpath:fixtures/extended")), new SimpleMeterRegistry());
        db.migrator().up();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static ParcelsRecord parcel(ParcelStatus status, ParcelSize size, Label label, Money price) {
        return new ParcelsRecord().setStatus(status).setSize(size).setLabel(label).setPrice(price);
    }

    /** The columns as PostgreSQL holds them, as text: what the converters wrote, never a Java toString. */
    private static List<String> stored(UUID id) {
        org.jooq.Record row = db.dsl().fetchSingle(
                "SELECT status, size::text, label::text, price::text FROM parcels WHERE id = ?", id);
        return java.util.Arrays.asList(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class),
                row.get(3, String.class));
    }

    @Test
    void whenTheCodegenXmlCustomisesTheTableThenTheGeneratedClassesCarryEveryCustomisation() {
        assertThat(Parcel.class).isRecord();
        assertThat(Lifecycle.class).isAssignableFrom(Parcel.class);
        assertThat(SoftDeletable.class).isAssignableFrom(Parcel.class);
        assertThat(Timestamped.class).isAssignableFrom(Parcel.class);
        assertThat(Titled.class).isAssignableFrom(ParcelsRecord.class);
        assertThat(SoftDeletable.class).isAssignableFrom(ParcelsRecord.class);
        assertThat(PARCELS).isInstanceOf(SoftDeleteTable.class).isInstanceOf(TimestampedTable.class);
        assertThat(PARCELS.deletedAtColumn()).isSameAs(PARCELS.DELETED_AT);
        assertThat(parcels.softDeletes()).isTrue();

        UUID id = UUID.randomUUID();
        ParcelsRecord record = new ParcelsRecord().setId(id).setLabel(new Label("Ada", List.of()));
        // the custom generator's method, and the record interface's default method
        assertThat(record.describe()).isEqualTo("parcels " + id);
        assertThat(record.title()).isEqualTo("Ada");
        assertThat(ParcelSize.extra_large.getLiteral()).isEqualTo("extra-large");
    }

    @Test
    void whenParcelsTakeEveryRepositoryPathThenTheDatabaseHoldsTheConvertedTextAndBothPathsAgree() {
        RecordingScope jooq = new RecordingScope(db);
        Label label = new Label("Ada \"L\"", List.of("1 Main St", "Zürich"));

        // insert + find, on the direct path and on jOOQ's
        Parcel inserted = parcels.insert(db, parcel(ParcelStatus.LIVE, ParcelSize.extra_large, label, new Money(1250)));
        assertThat(stored(inserted.id())).containsExactly("live", "extra-large",
                "{\"lines\": [\"1 Main St\", \"Zürich\"], \"title\": \"Ada \\\"L\\\"\"}", "12.50");
        assertThat(inserted.status()).isEqualTo(ParcelStatus.LIVE);
        assertThat(inserted.label()).isEqualTo(label);
        assertThat(inserted.price()).isEqualTo(new Money(1250));
        assertThat(inserted.isLive()).isTrue();
        assertThat(inserted.isDeleted()).isFalse();
        assertThat(inserted.createdAt()).isNotNull();
        assertThat(parcels.get(db, inserted.id())).isEqualTo(inserted).isEqualTo(parcels.get(jooq, inserted.id()));

        // update
        Parcel updated = parcels.update(db, inserted.id(), new ParcelsRecord().setStatus(ParcelStatus.RETIRED)
                .setPrice(new Money(99)));
        assertThat(stored(inserted.id())).containsExactly("retired", "extra-large",
                "{\"lines\": [\"1 Main St\", \"Zürich\"], \"title\": \"Ada \\\"L\\\"\"}", "0.99");
        assertThat(updated.isLive()).isFalse();
        assertThat(parcels.update(jooq, inserted.id(), new ParcelsRecord().setStatus(ParcelStatus.PAUSED)).status())
                .isEqualTo(ParcelStatus.PAUSED);

        // insertAll: COPY writes what the converters and bindings make
        List<ParcelsRecord> bulk = List.of(
                parcel(ParcelStatus.LIVE, ParcelSize.small, new Label("b1", List.of()), new Money(300)),
                parcel(ParcelStatus.PAUSED, ParcelSize.large, new Label("b2", List.of("x\ty")), new Money(200)),
                parcel(ParcelStatus.LIVE, ParcelSize.extra_large, new Label("b3", List.of()), new Money(100)));
        assertThat(parcels.insertAll(db, bulk)).isEqualTo(3);
        Filter bulkOnly = () -> PARCELS.LABEL.in(bulk.stream().map(ParcelsRecord::getLabel).toList());
        List<Parcel> copied = parcels.list(db, bulkOnly, Sort.unsorted(), PageRequest.first(10)).items();
        assertThat(copied).hasSize(3).extracting(Parcel::label).extracting(Label::title)
                .containsExactlyInAnyOrder("b1", "b2", "b3");
        Parcel b2 = copied.stream().filter(p -> p.label().title().equals("b2")).findFirst().orElseThrow();
        assertThat(stored(b2.id())).containsExactly("paused", "large", "{\"lines\": [\"x\\ty\"], \"title\": \"b2\"}",
                "2.00");

        // list with a filter on the enum column, on both paths
        Filter live = () -> PARCELS.STATUS.eq(ParcelStatus.LIVE);
        List<Parcel> lives = parcels.list(db, live, Sort.unsorted(), PageRequest.first(10)).items();
        assertThat(lives).hasSize(2).allMatch(Lifecycle::isLive)
                .isEqualTo(parcels.list(jooq, live, Sort.unsorted(), PageRequest.first(10)).items());

        // listKeyset ordered by the converted price: each cursor encodes the stored numeric and decodes to Money
        List<Money> prices = new ArrayList<>();
        KeysetPage<Parcel> page = byPrice.listKeyset(db, bulkOnly, KeysetRequest.first(1));
        while (true) {
            page.items().forEach(p -> prices.add(p.price()));
            if (page.nextCursor() == null) {
                break;
            }
            KeysetPage<Parcel> viaJooq = byPrice.listKeyset(jooq, bulkOnly, KeysetRequest.after(page.nextCursor(), 1));
            page = byPrice.listKeyset(db, bulkOnly, KeysetRequest.after(page.nextCursor(), 1));
            assertThat(page.items()).isEqualTo(viaJooq.items());
        }
        assertThat(prices).containsExactly(new Money(100), new Money(200), new Money(300));

        // delete is soft (SoftDeleteTable), restore brings the row back
        assertThat(parcels.delete(db, b2.id())).isTrue();
        assertThat(parcels.find(db, b2.id())).isEmpty();
        Parcel deleted = parcels.find(db, b2.id(), Visibility.DELETED).orElseThrow();
        assertThat(deleted.isDeleted()).isTrue();
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(parcels.restore(db, b2.id())).isTrue();
        assertThat(parcels.get(db, b2.id()).isDeleted()).isFalse();
        assertThat(jooq.statements()).isPositive();
    }
}
