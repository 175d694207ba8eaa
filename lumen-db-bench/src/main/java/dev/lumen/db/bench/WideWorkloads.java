package dev.lumen.db.bench;

import dev.lumen.db.bench.schema.enums.BenchStatus;
import dev.lumen.db.bench.schema.tables.pojos.BenchWideRow;
import dev.lumen.db.bench.schema.tables.records.BenchWideRowsRecord;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.repository.TableRepository;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.JSONB;

/**
 * The wide-table scenarios: lookup and insert of a row with {@code text[]}, {@code integer[]}, {@code jsonb} and an
 * enum among its eleven columns, through {@code TableRepository.forTable} over generated classes and by hand with
 * JDBC, both mapped into the same generated {@code BenchWideRow} record on the same pool.
 */
public final class WideWorkloads {

    static final String COLUMNS = "id, name, status, tags, scores, attributes, amount, owner_email, is_public, "
            + "created_at, updated_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM bench_wide_rows WHERE id = ?";
    private static final String INSERT = "INSERT INTO bench_wide_rows (name, status, tags, scores, attributes, amount, "
            + "owner_email, is_public) VALUES (?, CAST(? AS bench_status), ?, ?, CAST(? AS jsonb), ?, ?, ?) RETURNING "
            + COLUMNS;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = Long.toHexString(System.nanoTime() ^ ThreadLocalRandom.current().nextLong());
    private static final String[] TAGS = {"alpha", "tag 7", "team-3"};
    private static final Integer[] SCORES = {42, 7, 99};
    private static final JSONB ATTRIBUTES = JSONB.valueOf("{\"rollout\": 42, \"owner\": \"team-3\", \"beta\": true}");
    private static final BigDecimal AMOUNT = new BigDecimal("123.45");

    private final BenchFixture fixture;
    private final LumenDb db;
    private final DataSource pool;
    private final TableRepository<BenchWideRowsRecord, BenchWideRow, UUID> wide;

    /**
     * Bodies over a fixture.
     *
     * @param fixture the fixture
     */
    public WideWorkloads(BenchFixture fixture) {
        this(fixture, fixture.db());
    }

    /**
     * Bodies over a fixture's data, run through another lumen-db (for example one behind the round-trip counter).
     *
     * @param fixture the fixture (ids, repository)
     * @param db      the lumen-db whose pool both sides use
     */
    public WideWorkloads(BenchFixture fixture, LumenDb db) {
        this.fixture = fixture;
        this.db = db;
        this.pool = db.dataSource();
        this.wide = fixture.wide();
    }

    /**
     * {@code find} by primary key through the repository.
     *
     * @return the row
     */
    public BenchWideRow lumenFind() {
        return wide.find(db, fixture.randomWideId()).orElseThrow();
    }

    /**
     * The same lookup by hand: arrays through {@code getArray}, the enum by its literal, jsonb as text.
     *
     * @return the row
     */
    public BenchWideRow jdbcFind() {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setObject(1, fixture.randomWideId());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("wide row missing");
                }
                return row(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code insert} through the repository, returning the stored row (id and defaults).
     *
     * @return the row
     */
    public BenchWideRow lumenInsert() {
        return wide.insert(db, new BenchWideRowsRecord()
                .setName(name())
                .setStatus(BenchStatus.live)
                .setTags(TAGS)
                .setScores(SCORES)
                .setAttributes(ATTRIBUTES)
                .setAmount(AMOUNT)
                .setOwnerEmail("owner@bench.example")
                .setIsPublic(true));
    }

    /**
     * The same insert by hand: arrays with {@code createArrayOf}, casts for the enum and jsonb.
     *
     * @return the row
     */
    public BenchWideRow jdbcInsert() {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, name());
            statement.setString(2, BenchStatus.live.getLiteral());
            statement.setArray(3, connection.createArrayOf("text", TAGS));
            statement.setArray(4, connection.createArrayOf("int4", SCORES));
            statement.setString(5, ATTRIBUTES.data());
            statement.setBigDecimal(6, AMOUNT);
            statement.setString(7, "owner@bench.example");
            statement.setBoolean(8, true);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return row(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails unless both sides read the same rows: the scenario compares equal work only.
     *
     * @param samples rows to compare
     */
    public void checkSameRows(int samples) {
        for (int i = 0; i < samples; i++) {
            UUID id = fixture.randomWideId();
            BenchWideRow viaRepository = wide.find(db, id).orElseThrow();
            BenchWideRow viaJdbc;
            try (Connection connection = pool.getConnection();
                    PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setObject(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    viaJdbc = row(rows);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (!viaRepository.equals(viaJdbc)) {
                throw new IllegalStateException("The wide row " + id + " differs: repository " + viaRepository
                        + ", JDBC " + viaJdbc);
            }
        }
    }

    private static String name() {
        return "wide-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    static BenchWideRow row(ResultSet rows) throws SQLException {
        return new BenchWideRow(rows.getObject(1, UUID.class), rows.getString(2),
                BenchStatus.lookupLiteral(rows.getString(3)), (String[]) array(rows, 4), (Integer[]) array(rows, 5),
                JSONB.jsonbOrNull(rows.getString(6)), rows.getBigDecimal(7), rows.getString(8), rows.getBoolean(9),
                rows.getObject(10, OffsetDateTime.class), rows.getObject(11, OffsetDateTime.class));
    }

    private static Object array(ResultSet rows, int index) throws SQLException {
        Array array = rows.getArray(index);
        return array == null ? null : array.getArray();
    }
}
