package dev.lumen.db.example;

import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.UniqueViolationException;
import dev.lumen.db.schema.tables.pojos.Role;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /roles}: POST writes a role through the repository, GET reads them back. */
@RestController
@RequestMapping("/roles")
public class RoleController {

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    /**
     * A role to create.
     *
     * @param name        unique name
     * @param description what it allows, or {@code null}
     */
    public record NewRole(String name, @Nullable String description) {
    }

    /**
     * Creates a role.
     *
     * @param role the role
     * @return 201 with the stored role
     */
    @PostMapping
    public ResponseEntity<Role> create(@RequestBody NewRole role) {
        Role created = roles.create(role.name() == null ? "" : role.name(), role.description());
        return ResponseEntity.created(URI.create("/roles/" + created.id())).body(created);
    }

    /**
     * Lists roles by name.
     *
     * @param limit how many, 1..100
     * @return the roles
     */
    @GetMapping
    public List<Role> list(@RequestParam(defaultValue = "20") int limit) {
        return roles.list(limit);
    }

    @ExceptionHandler(UniqueViolationException.class)
    ResponseEntity<Map<String, String>> conflict(UniqueViolationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "a role with that name exists"));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, String>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }
}
