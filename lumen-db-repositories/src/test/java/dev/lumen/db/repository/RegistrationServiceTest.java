package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.USERS;
import static dev.lumen.db.schema.Tables.USER_ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.repository.example.UserRegistrationService;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@LumenDbTest
class RegistrationServiceTest {

    static LumenDb db;
    final UserRepository users = new UserRepository();
    final RoleRepository roles = new RoleRepository();
    final List<String> mailed = new CopyOnWriteArrayList<>();
    UserRegistrationService service;

    @BeforeAll
    static void start(TestDatabase database) {
        db = RepositoryTestSupport.start(database);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        RepositoryTestSupport.emptyTables(db);
        service = new UserRegistrationService(db.transactions(), users, roles, mailed::add);
    }

    private static NewUser ada() {
        return new NewUser("ada@example.com", "hash", "Ada", "Lovelace");
    }

    @Test
    void whenTheRoleExistsThenUserAndAssignmentCommitAndTheWelcomeMailGoesOutOnce() {
        Role member = roles.create(db, "member", null);

        User user = service.register(ada(), "member");

        assertThat(users.get(db, user.id())).isEqualTo(user);
        assertThat(roles.rolesOf(db, user.id())).containsExactly(member);
        assertThat(mailed).containsExactly("ada@example.com");
    }

    @Test
    void whenTheRoleDoesNotExistThenBothRowsRollBackAndNoMailIsSent() {
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> service.register(ada(), "no-such-role"))
                .withMessageStartingWith("role not found");

        assertThat(db.dsl().fetchCount(USERS)).isZero();
        assertThat(db.dsl().fetchCount(USER_ROLES)).isZero();
        assertThat(mailed).isEmpty();
    }

    @Test
    void whenTheEmailIsTakenThenNothingIsStoredTwiceAndNoMailIsSent() {
        roles.create(db, "member", null);
        service.register(ada(), "member");

        assertThatExceptionOfType(UniqueViolationException.class)
                .isThrownBy(() -> service.register(new NewUser("ADA@example.com", "h", "", ""), "member"));

        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(1);
        assertThat(db.dsl().fetchCount(USER_ROLES)).isEqualTo(1);
        assertThat(mailed).hasSize(1);
    }
}
