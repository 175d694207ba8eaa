package dev.lumen.db.repository.users;

import static dev.lumen.db.schema.Tables.ROLES;
import static dev.lumen.db.schema.Tables.USERS;
import static dev.lumen.db.schema.Tables.USER_ROLES;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.repository.Filter;
import dev.lumen.db.repository.PageRequest;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.TableRepository;
import dev.lumen.db.repository.Texts;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import dev.lumen.db.schema.tables.records.UsersRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Users: the seed's {@code UserRepository}, compile-checked. */
public final class UserRepository extends TableRepository<UsersRecord, User, UUID> {

    /** Creates the repository; it is stateless and thread-safe. */
    public UserRepository() {
        super(USERS, USERS.ID, "user", mapperTo(USERS, User.class), Arrays.asList(UserSort.values()),
                Sort.desc(UserSort.CREATED_AT));
    }

    /**
     * Creates a user; the database fills id, flags and timestamps.
     *
     * @param scope   where to run
     * @param newUser the user
     * @return the stored user
     * @throws dev.lumen.db.core.error.UniqueViolationException when a live user has the e-mail (any case)
     */
    public User create(DbScope scope, NewUser newUser) {
        return insert(scope, new UsersRecord()
                .setEmail(newUser.email())
                .setPasswordHash(newUser.passwordHash())
                .setFirstName(newUser.firstName())
                .setLastName(newUser.lastName()));
    }

    /**
     * Finds a live user by e-mail, ignoring case (served by the unique index on {@code lower(email)}).
     *
     * @param scope where to run
     * @param email the address
     * @return the user, if any
     */
    public Optional<User> findByEmail(DbScope scope, String email) {
        String address = Texts.wellFormed("E-mail address", email);
        List<UsersRecord> rows = fetch(scope, Shape.BY_EMAIL, new Object[] {address}, binds -> scope.dsl().selectFrom(USERS)
                .where(DSL.lower(USERS.EMAIL).eq(DSL.lower(binds.value(USERS.EMAIL, address))))
                .and(USERS.DELETED_AT.isNull()));
        return rows.stream().findFirst().map(this::map);
    }

    /**
     * Stamps the user's last login with the database's clock.
     *
     * @param scope  where to run
     * @param userId the user
     * @throws NotFoundException when no live user has that id
     */
    public void updateLastLogin(DbScope scope, UUID userId) {
        long updated = execute(scope, Shape.UPDATE_LAST_LOGIN, new Object[] {userId}, binds -> scope.dsl().update(USERS)
                .set(USERS.LAST_LOGIN_AT, DSL.currentOffsetDateTime())
                .where(USERS.ID.eq(binds.value(USERS.ID, userId)))
                .and(USERS.DELETED_AT.isNull()));
        if (updated == 0) {
            throw notFound(userId);
        }
    }

    /**
     * Active users who have logged in, most recent login first. Served by
     * {@code idx_users_active_login (is_active, last_login_at) WHERE deleted_at IS NULL}, read backwards.
     *
     * @param scope where to run
     * @param page  the page
     * @return the users
     */
    public List<User> activeByLastLogin(DbScope scope, PageRequest page) {
        return fetch(scope, Shape.ACTIVE_BY_LAST_LOGIN, binds -> scope.dsl().selectFrom(USERS)
                .where(USERS.IS_ACTIVE.isTrue())
                .and(USERS.DELETED_AT.isNull())
                .and(USERS.LAST_LOGIN_AT.isNotNull())
                .orderBy(USERS.IS_ACTIVE.desc(), USERS.LAST_LOGIN_AT.desc())
                .limit(binds.value(SQLDataType.INTEGER, page.limit()))
                .offset(binds.value(SQLDataType.BIGINT, page.offset())))
                .stream().map(this::map).toList();
    }

    /**
     * Live users matching a filter together with their roles, in ONE statement (a {@code MULTISET} per user,
     * no N+1).
     *
     * @param scope  where to run
     * @param filter which users
     * @param page   the page, ordered by e-mail
     * @return the users and their roles
     */
    public List<UserWithRoles> withRoles(DbScope scope, Filter filter, PageRequest page) {
        return scope.dsl().select(
                        USERS,
                        multiset(select(ROLES.fields())
                                .from(ROLES)
                                .join(USER_ROLES).on(USER_ROLES.ROLE_ID.eq(ROLES.ID))
                                .where(USER_ROLES.USER_ID.eq(USERS.ID))
                                .orderBy(ROLES.NAME))
                                .convertFrom(roles -> roles.map(r -> r.into(Role.class))))
                .from(USERS)
                .where(filter.condition())
                .and(USERS.DELETED_AT.isNull())
                .orderBy(USERS.EMAIL, USERS.ID)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(row -> new UserWithRoles(row.value1().into(User.class), row.value2()));
    }

    /** This repository's own query shapes. */
    private enum Shape {
        BY_EMAIL, UPDATE_LAST_LOGIN, ACTIVE_BY_LAST_LOGIN
    }
}
