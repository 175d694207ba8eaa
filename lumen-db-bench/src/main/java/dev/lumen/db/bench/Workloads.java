package dev.lumen.db.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.repository.KeysetPage;
import dev.lumen.db.repository.KeysetRequest;
import dev.lumen.db.repository.Page;
import dev.lumen.db.repository.PageRequest;
import dev.lumen.db.repository.features.Feature;
import dev.lumen.db.repository.features.FeatureFilter;
import dev.lumen.db.repository.features.FeatureRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.schema.tables.pojos.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of the latency scenarios, each as a lumen-db method and the hand-written JDBC method that does the
 * same work (same SQL shape, same rows, mapped into the same value types) on the same pool. JMH benchmarks and
 * the paired harness both call these, so they measure exactly the same code.
 */
public final class Workloads {

    /** Columns of {@code users} in the generated POJO's order. */
    static final String USER_COLUMNS = "id, email, password_hash, first_name, last_name, is_verified, is_active, "
            + "last_login_at, created_at, updated_at, deleted_at";
    private static final String FIND_USER = "SELECT " + USER_COLUMNS + " FROM users WHERE id = ? AND deleted_at IS NULL";
    private static final String INSERT_USER = "INSERT INTO users (email, password_hash, first_name, last_name) "
            + "VALUES (?, ?, ?, ?) RETURNING " + USER_COLUMNS;
    private static final String UPDATE_LOGIN = "UPDATE users SET last_login_at = now() WHERE id = ? AND deleted_at IS NULL";
    private static final String LIST_FEATURES = "SELECT id, name, description, is_enabled, config, created_at, "
            + "updated_at, deleted_at FROM new_features WHERE is_enabled = ? AND deleted_at IS NULL "
            + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = Long.toHexString(System.nanoTime() ^ ThreadLocalRandom.current().nextLong());

    /** Rows per filtered-list page. */
    public static final int LIST_LIMIT = 50;
    /** Rows per keyset page. */
    public static final int KEYSET_LIMIT = 100;

    private final BenchFixture fixture;
    private final LumenDb db;
    private final DataSource pool;
    private final UserRepository users;
    private final FeatureRepository features;
    private final FeatureFilter enabled = FeatureFilter.any().withEnabled(true);

    /**
     * Bodies over a fixture.
     *
     * @param fixture the fixture
     */
    public Workloads(BenchFixture fixture) {
        this(fixture, fixture.db());
    }

    /**
     * Bodies over a fixture's data, run through another lumen-db (for example one behind the round-trip counter).
     *
     * @param fixture the fixture (ids, repositories)
     * @param db      the lumen-db whose pool both sides use
     */
    public Workloads(BenchFixture fixture, LumenDb db) {
        this.fixture = fixture;
        this.db = db;
        this.pool = db.dataSource();
        this.users = fixture.users();
        this.features = fixture.features();
    }

    // --- 1. primary-key lookup -------------------------------------------------------------------------------

    /**
     * Repository lookup by primary key.
     *
     * @param scope where to run (the {@code LumenDb}, or a listener-less scope)
     * @return the user
     */
    public User lumenFind(DbScope scope) {
        return users.find(scope, fixture.randomUserId()).orElseThrow();
    }

    /**
     * Repository lookup by primary key on the shared {@code LumenDb}.
     *
     * @return the user
     */
    public User lumenFind() {
        return lumenFind(db);
    }

    /**
     * The same lookup by hand.
     *
     * @return the user
     */
    public UserRow jdbcFind() {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_USER)) {
            statement.setObject(1, fixture.randomUserId());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("user missing");
                }
                return user(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the hand-written side maps a row into: the 11 columns the seed's users table was created with. Not the
     * generated {@code User} POJO, whose constructor grows with every column a migration adds to users.
     */
    record UserRow(UUID id, String email, String passwordHash, String firstName, String lastName, boolean verified,
            boolean active, @Nullable OffsetDateTime lastLoginAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            @Nullable OffsetDateTime deletedAt) {
    }

    static UserRow user(ResultSet rows) throws SQLException {
        return new UserRow(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getBoolean(6), rows.getBoolean(7), rows.getObject(8, OffsetDateTime.class),
                rows.getObject(9, OffsetDateTime.class), rows.getObject(10, OffsetDateTime.class),
                rows.getObject(11, OffsetDateTime.class));
    }

    // --- 2. filtered list -------------------------------------------------------------------------------------

    /**
     * Newest 50 enabled features through the repository (served by {@code idx_new_features_created}).
     *
     * @return the page
     */
    public Page<Feature> lumenList() {
        return features.list(db, enabled, FeatureRepository.NEWEST_FIRST, PageRequest.first(LIST_LIMIT));
    }

    /**
     * The same page by hand (limit + 1 to know whether a next page exists, as the repository does).
     *
     * @return the page
     */
    public Page<Feature> jdbcList() {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(LIST_FEATURES)) {
            statement.setBoolean(1, true);
            statement.setInt(2, LIST_LIMIT + 1);
            statement.setLong(3, 0);
            List<Feature> items = new ArrayList<>(LIST_LIMIT + 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(feature(rows));
                }
            }
            boolean hasNext = items.size() > LIST_LIMIT;
            return new Page<>(items.subList(0, Math.min(items.size(), LIST_LIMIT)), PageRequest.first(LIST_LIMIT), hasNext);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Feature feature(ResultSet rows) throws SQLException {
        Map<String, Object> config;
        try {
            config = JSON.readValue(rows.getString(5), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Feature(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getBoolean(4),
                config, rows.getObject(6, OffsetDateTime.class), rows.getObject(7, OffsetDateTime.class),
                rows.getObject(8, OffsetDateTime.class));
    }

    // --- 3. insert returning the stored row --------------------------------------------------------------------

    private static NewUser newUser() {
        return new NewUser("bench-" + RUN + "-" + SEQUENCE.incrementAndGet() + "@insert.example",
                "$2a$10$benchhashbenchhashbench", "Grace", "Hopper");
    }

    /**
     * {@code UserRepository.create}: one INSERT ... RETURNING, mapped into {@code User}.
     *
     * @return the stored user
     */
    public User lumenInsert() {
        return users.create(db, newUser());
    }

    /**
     * The same insert by hand, returning the generated id and defaults, mapped into a {@link UserRow}.
     *
     * @return the stored user
     */
    public UserRow jdbcInsert() {
        NewUser user = newUser();
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT_USER)) {
            statement.setString(1, user.email());
            statement.setString(2, user.passwordHash());
            statement.setString(3, user.firstName());
            statement.setString(4, user.lastName());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return user(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- 4. transaction of two statements ----------------------------------------------------------------------

    /**
     * Through the runner: read one user, stamp another's last login, commit.
     *
     * @param on the lumen-db whose runner to use
     * @return the user read
     */
    public User lumenTransaction(LumenDb on) {
        UUID read = fixture.randomUserId();
        UUID stamped = fixture.randomUserId();
        return on.transactions().call(tx -> {
            User user = users.find(tx, read).orElseThrow();
            users.updateLastLogin(tx, stamped);
            return user;
        });
    }

    /**
     * The same transaction by hand: auto-commit off, two statements, commit.
     *
     * @param on the pool to borrow from
     * @return the user read
     */
    public UserRow jdbcTransaction(DataSource on) {
        UUID read = fixture.randomUserId();
        UUID stamped = fixture.randomUserId();
        try (Connection connection = on.getConnection()) {
            connection.setAutoCommit(false);
            try {
                UserRow user;
                try (PreparedStatement select = connection.prepareStatement(FIND_USER)) {
                    select.setObject(1, read);
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                        user = user(rows);
                    }
                }
                try (PreparedStatement update = connection.prepareStatement(UPDATE_LOGIN)) {
                    update.setObject(1, stamped);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("user missing");
                    }
                }
                connection.commit();
                return user;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The lumen-db transaction on the shared instance.
     *
     * @return the user read
     */
    public User lumenTransaction() {
        return lumenTransaction(db);
    }

    /**
     * The JDBC transaction on the shared pool.
     *
     * @return the user read
     */
    public UserRow jdbcTransaction() {
        return jdbcTransaction(pool);
    }

    // --- 8. keyset pages ---------------------------------------------------------------------------------------

    /**
     * A keyset page of {@value #KEYSET_LIMIT} features after a cursor.
     *
     * @param cursor the cursor, or {@code null} for page 1
     * @return the page
     */
    public KeysetPage<Feature> keysetPage(@Nullable String cursor) {
        return features.listKeyset(db, FeatureFilter.any(),
                cursor == null ? KeysetRequest.first(KEYSET_LIMIT) : KeysetRequest.after(cursor, KEYSET_LIMIT));
    }

    /**
     * An OFFSET page of {@value #KEYSET_LIMIT} features in the same (newest first) order.
     *
     * @param offset rows to skip
     * @return the page
     */
    public Page<Feature> offsetPage(long offset) {
        return features.list(db, FeatureFilter.any(), FeatureRepository.NEWEST_FIRST,
                PageRequest.of(KEYSET_LIMIT, offset));
    }
}
