package dev.lumen.db.repository.users;

import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import java.util.List;

/**
 * A user and the roles they hold, loaded in one statement.
 *
 * @param user  the user
 * @param roles their roles, by name
 */
public record UserWithRoles(User user, List<Role> roles) {

    /** Freezes the roles. */
    public UserWithRoles {
        roles = List.copyOf(roles);
    }
}
