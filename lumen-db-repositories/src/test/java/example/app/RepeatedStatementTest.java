package example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.LogCapture;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.TestConfigs;
import dev.lumen.db.core.observe.MetricNames;
import dev.lumen.db.core.observe.StatementBudget;
import dev.lumen.db.repository.Filter;
import dev.lumen.db.repository.PageRequest;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.repository.users.UserWithRoles;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.test.LumenDbTest;
import dev.lumen.db.test.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The N+1 detector flags a loop that loads roles user by user, not the single-statement users-with-roles. The
 * test lives outside lumen-db's packages, where application code does, so the logged caller is this class.
 */
@LumenDbTest
class RepeatedStatementTest {

    static LumenDb db;
    static SimpleMeterRegistry registry;
    static final UserRepository users = new UserRepository();
    static final RoleRepository roles = new RoleRepository();
    static List<User> created;

    @BeforeAll
    static void seed(TestDatabase database) {
        registry = new SimpleMeterRegistry();
        db = LumenDb.start(TestConfigs.forDatabase(database, Map.of("lumen.db.repeated-statement-threshold", "10")),
                registry);
        db.dsl().deleteFrom(dev.lumen.db.schema.Tables.USER_ROLES).execute();
        db.dsl().deleteFrom(dev.lumen.db.schema.Tables.USERS).execute();
        db.dsl().deleteFrom(dev.lumen.db.schema.Tables.ROLES).execute();
        Role member = roles.create(db, "member", null);
        created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            User user = users.create(db, new NewUser("n" + i + "@example.com", "h", "", ""));
            roles.assign(db, user.id(), member.id());
            created.add(user);
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static double repeated() {
        return registry.find(MetricNames.REPEATED_STATEMENTS).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void whenALoopLoadsRolesUserByUserThenTheRepeatIsCountedAndItsCallerLoggedOnce() {
        double before = repeated();
        try (LogCapture log = new LogCapture("dev.lumen.db.repeated-statement")) {
            for (int round = 0; round < 2; round++) {
                db.transactions().run(tx -> {
                    for (User user : created) {
                        roles.rolesOf(tx, user.id());
                    }
                });
            }

            assertThat(repeated() - before).as("once per transaction").isEqualTo(2);
            assertThat(log.messages()).singleElement().asString()
                    .startsWith("Repeated statement (likely N+1): ran 10 times in one transaction, called from")
                    .contains("called from example.app.RepeatedStatementTest.lambda$whenALoopLoadsRolesUserByUser")
                    .contains("via dev.lumen.db.repository.roles.RoleRepository.rolesOf(RoleRepository.java:")
                    .contains("\"user_roles\".\"user_id\" = cast(? as uuid)");
        }
    }

    @Test
    void whenUsersWithRolesLoadInOneStatementThenNothingIsFlagged() {
        double before = repeated();

        List<UserWithRoles> loaded = db.transactions().call(tx -> users.withRoles(tx, Filter.all(), PageRequest.first(100)));

        assertThat(loaded).hasSize(30);
        assertThat(repeated()).isEqualTo(before);
    }

    @Test
    void whenABlockStaysWithinItsQueryBudgetThenItPassesAndWhenNotTheAssertionListsTheCount() {
        List<UserWithRoles> loaded = StatementBudget.atMost(1, db,
                scope -> users.withRoles(scope, Filter.all(), PageRequest.first(100)));
        assertThat(loaded).hasSize(30);

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> StatementBudget.atMost(1, db, scope -> created.stream()
                        .map(user -> roles.rolesOf(scope, user.id()))
                        .toList()))
                .withMessageStartingWith("Query budget exceeded: 30 statements, at most 1 allowed");
        assertThat(StatementBudget.count(db, scope -> users.findByEmail(scope, "n1@example.com")).statements())
                .hasSize(1);
    }
}
