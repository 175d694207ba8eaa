package dev.lumen.db.repository.roles;

import static dev.lumen.db.schema.Tables.ROLES;
import static dev.lumen.db.schema.Tables.USER_ROLES;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.TableRepository;
import dev.lumen.db.repository.Texts;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.records.RolesRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Roles and who holds them. */
public final class RoleRepository extends TableRepository<RolesRecord, Role, UUID> {

    /** Creates the repository; it is stateless and thread-safe. */
    public RoleRepository() {
        super(ROLES, ROLES.ID, "role", mapperTo(ROLES, Role.class), Arrays.asList(RoleSort.values()),
                Sort.asc(RoleSort.NAME));
    }

    /**
     * Creates a role.
     *
     * @param scope       where to run
     * @param name        unique name
     * @param description what it allows, or {@code null}
     * @return the stored role
     * @throws dev.lumen.db.core.error.UniqueViolationException when the name is taken
     */
    public Role create(DbScope scope, String name, @Nullable String description) {
        if (name.isBlank()) {
            throw new InvalidInputException("A role needs a name", null, null);
        }
        return insert(scope, new RolesRecord().setName(Texts.wellFormed("Role name", name))
                .setDescription(Texts.wellFormedOrNull("Role description", description)));
    }

    /**
     * Finds a role by its exact name.
     *
     * @param scope where to run
     * @param name  the name
     * @return the role, if any
     */
    public Optional<Role> findByName(DbScope scope, String name) {
        return scope.dsl().selectFrom(ROLES).where(ROLES.NAME.eq(Texts.wellFormed("Role name", name))).fetchOptional()
                .map(this::map);
    }

    /**
     * Gives a user a role. Assigning a role the user already holds changes nothing.
     *
     * @param scope  where to run
     * @param userId the user
     * @param roleId the role
     * @return true when the assignment is new
     * @throws dev.lumen.db.core.error.ForeignKeyViolationException when the user or the role does not exist
     */
    public boolean assign(DbScope scope, UUID userId, UUID roleId) {
        return scope.dsl().insertInto(USER_ROLES)
                .set(USER_ROLES.USER_ID, userId)
                .set(USER_ROLES.ROLE_ID, roleId)
                .onConflictDoNothing()
                .execute() > 0;
    }

    /**
     * Takes a role away from a user.
     *
     * @param scope  where to run
     * @param userId the user
     * @param roleId the role
     * @return true when the user held it
     */
    public boolean revoke(DbScope scope, UUID userId, UUID roleId) {
        return scope.dsl().deleteFrom(USER_ROLES)
                .where(USER_ROLES.USER_ID.eq(userId))
                .and(USER_ROLES.ROLE_ID.eq(roleId))
                .execute() > 0;
    }

    /**
     * The roles a user holds, by name.
     *
     * @param scope  where to run
     * @param userId the user
     * @return the roles
     */
    public List<Role> rolesOf(DbScope scope, UUID userId) {
        return scope.dsl().select(ROLES.fields())
                .from(ROLES)
                .join(USER_ROLES).on(USER_ROLES.ROLE_ID.eq(ROLES.ID))
                .where(USER_ROLES.USER_ID.eq(userId))
                .orderBy(ROLES.NAME)
                .fetchInto(Role.class);
    }
}
