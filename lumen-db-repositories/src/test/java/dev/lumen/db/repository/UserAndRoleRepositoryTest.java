package dev.lumen.db.repository;

import static dev.lumen.db.schema.Tables.USERS;
import static dev.lumen.db.schema.Tables.USER_ROLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.error.ForeignKeyViolationException;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.repository.users.UserWithRoles;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.schema.tables.records.UsersRecord;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@LumenDbTest
class UserAndRoleRepositoryTest {

    static LumenDb db;
    final UserRepository users = new UserRepository();
    final RoleRepository roles = new RoleRepository();

    @BeforeAll
    static void start(TestDatabase database) {
        db = RepositoryTestSupport.start(database);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        RepositoryTestSupport.emptyTables(db);
    }

    private User newUser(String email) {
        return users.create(db, new NewUser(email, "$argon2id$v=19$hash", "Ada", "Lovelace"));
    }

    @Test
    void whenAUserIsCreatedThenItCanBeFoundByIdAndByEmailInAnyCase() {
        User ada = newUser("Ada@Example.com");

        assertThat(ada.isActive()).isTrue();
        assertThat(ada.isVerified()).isFalse();
        assertThat(users.find(db, ada.id())).contains(ada);
        assertThat(users.findByEmail(db, "ada@example.COM")).contains(ada);
        assertThat(users.findByEmail(db, "ada@example.org")).isEmpty();
        assertThatExceptionOfType(UniqueViolationException.class).isThrownBy(() -> newUser("ADA@example.com"));
    }

    @Test
    void whenAUserIsSoftDeletedThenEmailLookupMissesItAndTheAddressCanBeReused() {
        User first = newUser("grace@example.com");

        assertThat(users.delete(db, first.id())).isTrue();

        assertThat(users.findByEmail(db, "grace@example.com")).isEmpty();
        assertThat(users.find(db, first.id())).isEmpty();
        User second = newUser("GRACE@example.com");
        assertThat(users.findByEmail(db, "grace@example.com")).contains(second);
        // Restoring the first would give two live users one address: the unique index refuses.
        assertThatExceptionOfType(UniqueViolationException.class).isThrownBy(() -> users.restore(db, first.id()));
        assertThat(users.find(db, first.id())).isEmpty();
    }

    @Test
    void whenTheLastLoginIsUpdatedThenTheDatabaseClockStampsItAndAMissingUserIsNotFound() {
        User user = newUser("linus@example.com");
        OffsetDateTime before = db.dsl().fetchValue(org.jooq.impl.DSL.currentOffsetDateTime());

        users.updateLastLogin(db, user.id());

        assertThat(users.get(db, user.id()).lastLoginAt()).isAfterOrEqualTo(before);
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> users.updateLastLogin(db, UUID.randomUUID()))
                .withMessageStartingWith("user not found");
        users.delete(db, user.id());
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> users.updateLastLogin(db, user.id()));
    }

    @Test
    void whenListingActiveUsersThenTheMostRecentLoginComesFirstServedByTheActiveLoginIndex() {
        OffsetDateTime now = OffsetDateTime.now();
        List<UsersRecord> rows = IntStream.range(0, 3_000)
                .mapToObj(i -> new UsersRecord().setEmail("user" + i + "@example.com").setPasswordHash("h")
                        .setIsActive(i % 10 != 0).setLastLoginAt(now.minusMinutes(i)))
                .toList();
        users.insertAll(db, rows);
        db.dsl().execute("ANALYZE users");
        RecordingScope scope = new RecordingScope(db);

        List<User> active = users.activeByLastLogin(scope, PageRequest.first(5));

        assertThat(active).extracting(User::email)
                .containsExactly("user1@example.com", "user2@example.com", "user3@example.com", "user4@example.com",
                        "user5@example.com");
        assertThat(scope.lastPlan()).contains("idx_users_active_login").doesNotContain("Sort Key");
    }

    @Test
    void whenRolesAreAssignedThenTwiceIsHarmlessAndRevokeRemovesThem() {
        User user = newUser("ken@example.com");
        Role admin = roles.create(db, "admin", "everything");
        Role editor = roles.create(db, "editor", null);

        assertThat(roles.assign(db, user.id(), editor.id())).isTrue();
        assertThat(roles.assign(db, user.id(), admin.id())).isTrue();
        assertThat(roles.assign(db, user.id(), admin.id())).as("second assignment").isFalse();

        assertThat(roles.rolesOf(db, user.id())).extracting(Role::name).containsExactly("admin", "editor");
        assertThat(db.dsl().fetchCount(USER_ROLES)).isEqualTo(2);
        assertThat(roles.revoke(db, user.id(), admin.id())).isTrue();
        assertThat(roles.revoke(db, user.id(), admin.id())).isFalse();
        assertThat(roles.rolesOf(db, user.id())).extracting(Role::name).containsExactly("editor");
        assertThat(roles.findByName(db, "admin")).contains(admin);
        assertThatExceptionOfType(UniqueViolationException.class).isThrownBy(() -> roles.create(db, "admin", null));
        assertThatExceptionOfType(ForeignKeyViolationException.class)
                .isThrownBy(() -> roles.assign(db, user.id(), UUID.randomUUID()));
    }

    @Test
    void whenLoadingOneHundredUsersWithTheirRolesThenExactlyOneStatementRuns() {
        List<Role> all = List.of(roles.create(db, "admin", null), roles.create(db, "editor", null),
                roles.create(db, "viewer", null));
        List<User> created = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            User user = newUser(String.format("u%03d@example.com", i));
            for (int r = 0; r < i % 4; r++) {
                roles.assign(db, user.id(), all.get(r).id());
            }
            created.add(user);
        }
        RecordingScope scope = new RecordingScope(db);

        List<UserWithRoles> loaded = users.withRoles(scope, () -> USERS.EMAIL.like("u%"), PageRequest.first(100));

        assertThat(scope.statements()).isEqualTo(1);
        assertThat(loaded).hasSize(100);
        assertThat(loaded).extracting(u -> u.user().email()).isSorted().containsExactlyElementsOf(
                created.stream().map(User::email).toList());
        for (int i = 0; i < 100; i++) {
            assertThat(loaded.get(i).roles()).extracting(Role::name)
                    .containsExactlyElementsOf(all.subList(0, i % 4).stream().map(Role::name).toList());
        }
    }

    @Test
    void whenTheGenericRepositoryServesATableWithoutDeletedAtThenDeleteIsHardAndRestoreIsRefused() {
        TableRepository<dev.lumen.db.schema.tables.records.RolesRecord, Role, UUID> generic = TableRepository.forTable(
                dev.lumen.db.schema.Tables.ROLES, dev.lumen.db.schema.Tables.ROLES.ID, Role.class);
        Role role = roles.create(db, "temp", null);

        assertThat(generic.softDeletes()).isFalse();
        assertThat(generic.get(db, role.id())).isEqualTo(role);
        assertThat(generic.delete(db, role.id())).isTrue();
        assertThat(generic.find(db, role.id(), Visibility.ALL)).isEmpty();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> generic.restore(db, role.id()))
                .withMessageContaining("roles has no deleted_at column");
        assertThat(generic.sortKeys()).extracting(SortKey::key).containsExactly("id", "created_at");
    }
}
