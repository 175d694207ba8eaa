package dev.lumen.db.example;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.tx.Isolation;
import dev.lumen.db.repository.Filter;
import dev.lumen.db.repository.PageRequest;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.roles.RoleSort;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.spring.LumenTransactional;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Roles through lumen-db's repository, in Spring-managed transactions. */
@Service
public class RoleService {

    private final LumenDb db;
    private final RoleRepository roles;

    RoleService(LumenDb db, RoleRepository roles) {
        this.db = db;
        this.roles = roles;
    }

    /**
     * Creates a role; a conflicting concurrent write is retried.
     *
     * @param name        unique name
     * @param description what it allows
     * @return the stored role
     */
    @LumenTransactional(isolation = Isolation.SERIALIZABLE, retries = 3, timeout = 5)
    public Role create(String name, @Nullable String description) {
        return roles.create(db, name, description);
    }

    /**
     * The first roles by name.
     *
     * @param limit how many
     * @return the roles
     */
    @LumenTransactional(readOnly = true, timeout = 5)
    public List<Role> list(int limit) {
        return roles.list(db, Filter.all(), Sort.asc(RoleSort.NAME), PageRequest.of(limit, 0)).items();
    }
}
