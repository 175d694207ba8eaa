package dev.lumen.db.core;

import static dev.lumen.db.core.fixture.Tables.ROLES;
import static dev.lumen.db.core.fixture.Tables.USERS;
import static dev.lumen.db.core.fixture.Tables.USER_ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lumen.db.core.error.CheckViolationException;
import dev.lumen.db.core.error.ConstraintViolationException;
import dev.lumen.db.core.error.DatabaseException;
import dev.lumen.db.core.error.DeadlockException;
import dev.lumen.db.core.error.ForeignKeyViolationException;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.LockTimeoutException;
import dev.lumen.db.core.error.NotNullViolationException;
import dev.lumen.db.core.error.PermissionDeniedException;
import dev.lumen.db.core.error.QueryTimeoutException;
import dev.lumen.db.core.error.ReadOnlyTransactionException;
import dev.lumen.db.core.error.SerializationFailureException;
import dev.lumen.db.core.error.UnavailableException;
import dev.lumen.db.core.error.UnclassifiedDatabaseException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@LumenDbTest
class ErrorTranslationTest {

    private static final String CANARY = dev.lumen.db.test.Canaries.EMAIL;

    static LumenDb db;

    @BeforeAll
    static void start(TestDatabase database) {
        db = LumenDb.start(TestConfigs.forDatabase(database), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.dsl().deleteFrom(USER_ROLES).execute();
        db.dsl().deleteFrom(USERS).execute();
        db.dsl().deleteFrom(ROLES).execute();
    }

    static Stream<Arguments> everySqlStateOfTheTable() {
        return Stream.of(
                Arguments.of("23505", UniqueViolationException.class, false),
                Arguments.of("23503", ForeignKeyViolationException.class, false),
                Arguments.of("23502", NotNullViolationException.class, false),
                Arguments.of("23514", CheckViolationException.class, false),
                Arguments.of("23P01", ConstraintViolationException.class, false),
                Arguments.of("22001", InvalidInputException.class, false),
                Arguments.of("22P02", InvalidInputException.class, false),
                Arguments.of("22012", InvalidInputException.class, false),
                Arguments.of("40001", SerializationFailureException.class, true),
                Arguments.of("40P01", DeadlockException.class, true),
                Arguments.of("55P03", LockTimeoutException.class, true),
                Arguments.of("57014", QueryTimeoutException.class, false),
                Arguments.of("08006", UnavailableException.class, true),
                Arguments.of("53300", UnavailableException.class, true),
                Arguments.of("57P01", UnavailableException.class, true),
                Arguments.of("25006", ReadOnlyTransactionException.class, false),
                Arguments.of("42501", PermissionDeniedException.class, false),
                Arguments.of("42601", UnclassifiedDatabaseException.class, false));
    }

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @MethodSource("everySqlStateOfTheTable")
    void whenTheServerRaisesASqlStateThenItsExceptionTypeIsThrown(String sqlState,
            Class<? extends DatabaseException> type, boolean retryable) {
        Throwable thrown = catchThrowable(() -> db.dsl()
                .query("DO $$ BEGIN RAISE EXCEPTION 'raised for the test' USING ERRCODE = '" + sqlState + "'; END $$")
                .execute());

        assertThat(thrown).isExactlyInstanceOf(type);
        DatabaseException database = (DatabaseException) thrown;
        assertThat(database.sqlState()).isEqualTo(sqlState);
        assertThat(database.retryable()).isEqualTo(retryable);
        assertThat(database.getMessage()).isEqualTo("raised for the test [SQLSTATE " + sqlState + "]");
    }

    @Test
    void whenAUniqueKeyIsViolatedThenTheConstraintIsNamedAndTheDuplicateValueIsNowhere() {
        db.dsl().insertInto(USERS).set(USERS.EMAIL, CANARY).set(USERS.PASSWORD_HASH, "h").execute();

        UniqueViolationException e = (UniqueViolationException) catchThrowable(() -> db.dsl().insertInto(USERS)
                .set(USERS.EMAIL, CANARY.toUpperCase(java.util.Locale.ROOT)).set(USERS.PASSWORD_HASH, "h").execute());

        assertThat(e.constraint()).isEqualTo("users_email_live_key");
        assertThat(e.table()).isEqualTo("users");
        assertNoCanaryAnywhere(e);
    }

    @Test
    void whenAForeignKeyIsViolatedThenTheConstraintIsNamed() {
        UUID role = db.dsl().insertInto(ROLES).set(ROLES.NAME, "r").returning(ROLES.ID).fetchSingle(ROLES.ID);

        assertThatExceptionOfType(ForeignKeyViolationException.class)
                .isThrownBy(() -> db.dsl().insertInto(USER_ROLES).set(USER_ROLES.USER_ID, UUID.randomUUID())
                        .set(USER_ROLES.ROLE_ID, role).execute())
                .satisfies(e -> assertThat(e.constraint()).isEqualTo("user_roles_user_fk"));
    }

    @Test
    void whenANotNullColumnGetsNullThenTheColumnIsNamed() {
        assertThatExceptionOfType(NotNullViolationException.class)
                .isThrownBy(() -> db.dsl().insertInto(USERS).set(USERS.EMAIL, (String) null)
                        .set(USERS.PASSWORD_HASH, "h").execute())
                .satisfies(e -> assertThat(e.column()).isEqualTo("email"));
    }

    @Test
    void whenACheckConstraintFailsThenTheRowIsNotInTheMessage() {
        CheckViolationException e = (CheckViolationException) catchThrowable(() -> db.dsl().insertInto(USERS)
                .set(USERS.EMAIL, "a").set(USERS.PASSWORD_HASH, CANARY).execute());

        assertThat(e.constraint()).isEqualTo("users_email_length");
        assertNoCanaryAnywhere(e);
    }

    @Test
    void whenTextIsNotAValidUuidThenInvalidInputHidesTheValue() {
        InvalidInputException e = (InvalidInputException) catchThrowable(() -> db.dsl()
                .select(DSL.cast(DSL.val(CANARY), UUID.class)).fetch());

        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(e.getMessage()).contains("uuid", "(value redacted)");
        assertNoCanaryAnywhere(e);
    }

    @Test
    void whenAStringHoldsANulByteThenInvalidInputIsThrown() {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> db.dsl().insertInto(ROLES).set(ROLES.NAME, "nul\u0000byte").execute());
        assertThat(db.dsl().fetchCount(ROLES)).isZero();
    }

    private static void assertNoCanaryAnywhere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY).doesNotContain(dev.lumen.db.test.Canaries.PREFIX);
            assertThat(t.toString()).doesNotContain(CANARY);
        }
    }
}
