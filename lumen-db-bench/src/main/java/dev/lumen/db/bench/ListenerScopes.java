package dev.lumen.db.bench;

import static dev.lumen.db.schema.tables.Users.USERS;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.LumenDb;
import dev.lumen.db.schema.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;

/**
 * Scopes for scenario 6 (listener and metrics cost): lumen-db's own configuration (error-translating and metrics
 * listeners) and the same configuration with no listeners, each over the real pool and over a jOOQ
 * {@link MockConnection} that answers every query with one user row without any network.
 */
public final class ListenerScopes {

    private final DbScope realOn;
    private final DbScope realOff;
    private final DbScope mockOn;
    private final DbScope mockOff;

    /**
     * Builds the four scopes from a running lumen-db.
     *
     * @param db lumen-db (its configuration is derived, not changed)
     */
    public ListenerScopes(LumenDb db) {
        Configuration lumen = db.dsl().configuration();
        DSLContext on = db.dsl();
        DSLContext off = DSL.using(lumen.derive(new ExecuteListenerProvider[0]));
        realOn = () -> on;
        realOff = () -> off;
        Result<UsersRecord> row = DSL.using(SQLDialect.POSTGRES).newResult(USERS);
        OffsetDateTime stamp = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        // Setters, not the all-columns constructor: a column a migration adds to users must not break this.
        UsersRecord user = new UsersRecord().setId(UUID.randomUUID()).setEmail("mock@bench.example")
                .setPasswordHash("$2a$10$hash").setFirstName("Ada").setLastName("Lovelace").setIsVerified(true)
                .setIsActive(true).setCreatedAt(stamp).setUpdatedAt(stamp);
        row.add(user);
        MockConnection mock = new MockConnection(ctx -> new MockResult[] {new MockResult(1, row)});
        Configuration mocked = lumen.derive(mock);
        DSLContext mockedOn = DSL.using(mocked);
        DSLContext mockedOff = DSL.using(mocked.derive(new ExecuteListenerProvider[0]));
        mockOn = () -> mockedOn;
        mockOff = () -> mockedOff;
    }

    /**
     * lumen-db as configured, real pool.
     *
     * @return the scope
     */
    public DbScope realOn() {
        return realOn;
    }

    /**
     * No listeners, real pool.
     *
     * @return the scope
     */
    public DbScope realOff() {
        return realOff;
    }

    /**
     * lumen-db's listeners, mock connection.
     *
     * @return the scope
     */
    public DbScope mockOn() {
        return mockOn;
    }

    /**
     * No listeners, mock connection.
     *
     * @return the scope
     */
    public DbScope mockOff() {
        return mockOff;
    }
}
