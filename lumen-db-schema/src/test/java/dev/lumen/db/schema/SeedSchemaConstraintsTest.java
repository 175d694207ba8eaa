package dev.lumen.db.schema;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;
import static dev.lumen.db.schema.Tables.ROLES;
import static dev.lumen.db.schema.Tables.USERS;
import static dev.lumen.db.schema.Tables.USER_ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.schema.tables.records.NewFeaturesRecord;
import dev.lumen.db.schema.tables.records.RolesRecord;
import dev.lumen.db.schema.tables.records.UsersRecord;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@LumenDbTest
class SeedSchemaConstraintsTest {

    private Connection connection;
    private DSLContext dsl;

    @BeforeEach
    void connect(TestDatabase db) throws SQLException {
        connection = db.connection();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        dsl.deleteFrom(USER_ROLES).execute();
        dsl.deleteFrom(USERS).execute();
        dsl.deleteFrom(ROLES).execute();
        dsl.deleteFrom(NEW_FEATURES).execute();
    }

    @AfterEach
    void disconnect() throws SQLException {
        connection.close();
    }

    private UsersRecord insertUser(String email) {
        return dsl.insertInto(USERS)
                .set(USERS.EMAIL, email)
                .set(USERS.PASSWORD_HASH, "$argon2id$hash")
                .returning()
                .fetchSingle();
    }

    @Test
    void whenAUserIsInsertedThenTheDatabaseFillsIdFlagsAndTimestamps() {
        UsersRecord user = insertUser("ada@example.com");

        assertThat(user.getId()).isNotNull();
        assertThat(user.getIsActive()).isTrue();
        assertThat(user.getIsVerified()).isFalse();
        assertThat(user.getCreatedAt()).isNotNull().isEqualTo(user.getUpdatedAt());
        assertThat(user.getDeletedAt()).isNull();
    }

    @Test
    void whenTheSameEmailIsInsertedInAnotherCaseThenTheUniqueIndexRejectsIt() {
        insertUser("Ada@Example.com");

        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> insertUser("ada@EXAMPLE.com"))
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("23505"))
                .withMessageContaining("users_email_live_key");
    }

    @Test
    void whenTheOwnerOfAnEmailIsSoftDeletedThenTheEmailCanBeUsedAgain() {
        UsersRecord first = insertUser("grace@example.com");
        dsl.update(USERS).set(USERS.DELETED_AT, DSL.currentOffsetDateTime()).where(USERS.ID.eq(first.getId())).execute();

        UsersRecord second = insertUser("GRACE@example.com");

        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(dsl.fetchCount(USERS, DSL.lower(USERS.EMAIL).eq("grace@example.com"))).isEqualTo(2);
    }

    @Test
    void whenARoleIsAssignedTwiceThenThePrimaryKeyRejectsTheSecond() {
        UsersRecord user = insertUser("linus@example.com");
        RolesRecord role = dsl.insertInto(ROLES).set(ROLES.NAME, "admin").returning().fetchSingle();
        dsl.insertInto(USER_ROLES).set(USER_ROLES.USER_ID, user.getId()).set(USER_ROLES.ROLE_ID, role.getId()).execute();

        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> dsl.insertInto(USER_ROLES)
                        .set(USER_ROLES.USER_ID, user.getId())
                        .set(USER_ROLES.ROLE_ID, role.getId())
                        .execute())
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("23505"))
                .withMessageContaining("user_roles_pkey");
    }

    @Test
    void whenARoleIsAssignedToAMissingUserThenTheForeignKeyRejectsIt() {
        RolesRecord role = dsl.insertInto(ROLES).set(ROLES.NAME, "editor").returning().fetchSingle();

        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> dsl.insertInto(USER_ROLES)
                        .set(USER_ROLES.USER_ID, UUID.randomUUID())
                        .set(USER_ROLES.ROLE_ID, role.getId())
                        .execute())
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("23503"))
                .withMessageContaining("user_roles_user_fk");
    }

    @Test
    void whenARowIsUpdatedThenTheDatabaseMovesUpdatedAtForward() {
        OffsetDateTime anHourAgo = OffsetDateTime.now().minusHours(1);
        UsersRecord user = dsl.insertInto(USERS)
                .set(USERS.EMAIL, "barbara@example.com")
                .set(USERS.PASSWORD_HASH, "hash")
                .set(USERS.CREATED_AT, anHourAgo)
                .set(USERS.UPDATED_AT, anHourAgo)
                .returning()
                .fetchSingle();

        OffsetDateTime updatedAt = dsl.update(USERS)
                .set(USERS.FIRST_NAME, "Barbara")
                .where(USERS.ID.eq(user.getId()))
                .returning(USERS.UPDATED_AT)
                .fetchSingle(USERS.UPDATED_AT);

        assertThat(updatedAt).isAfter(anHourAgo.plusMinutes(59));
        assertThat(dsl.fetchValue(USERS.CREATED_AT, USERS.ID.eq(user.getId()))).isEqualTo(user.getCreatedAt());
    }

    @Test
    void whenAnEmailIsTooShortThenTheCheckConstraintRejectsIt() {
        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> insertUser("a"))
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("23514"))
                .withMessageContaining("users_email_length");
    }

    @Test
    void whenAFeatureIsInsertedThenItIsDisabledWithAnEmptyJsonConfig() {
        NewFeaturesRecord feature = dsl.insertInto(NEW_FEATURES).set(NEW_FEATURES.NAME, "dark-mode").returning().fetchSingle();

        assertThat(feature.getIsEnabled()).isFalse();
        // config reaches Java through lumen-db's JsonConverter (src/main/jooq/codegen.xml); the column holds '{}'.
        assertThat(feature.getConfig()).isEmpty();
        assertThat(dsl.fetchValue("SELECT config::text FROM new_features WHERE id = ?", feature.getId())).isEqualTo("{}");
    }

    @Test
    void whenSearchingNamesCaseInsensitivelyThenTheTrigramIndexServesTheQuery() {
        dsl.execute("INSERT INTO new_features (name)"
                + " SELECT 'feature ' || md5(n::text) FROM generate_series(1, 20000) n");
        dsl.insertInto(NEW_FEATURES).set(NEW_FEATURES.NAME, "Dark-Mode").execute();
        dsl.execute("ANALYZE new_features");

        String plan = dsl.explain(dsl.selectFrom(NEW_FEATURES)
                .where(NEW_FEATURES.NAME.containsIgnoreCase("dark-mode"))
                .and(NEW_FEATURES.DELETED_AT.isNull())).plan();

        assertThat(plan).contains("idx_new_features_name_trgm");
    }

    @Test
    void whenListingActiveUsersByLastLoginThenThePartialIndexServesTheQuery() {
        dsl.execute("INSERT INTO users (email, password_hash, last_login_at)"
                + " SELECT 'user' || n || '@example.com', 'hash', now() - n * interval '1 minute'"
                + " FROM generate_series(1, 5000) n");
        dsl.execute("ANALYZE users");

        String plan = dsl.explain(dsl.selectFrom(USERS)
                .where(USERS.IS_ACTIVE.isTrue())
                .and(USERS.DELETED_AT.isNull())
                .orderBy(USERS.LAST_LOGIN_AT.desc())
                .limit(10)).plan();

        assertThat(plan).contains("idx_users_active_login");
    }
}
