package dev.lumen.db.schema;

import dev.lumen.db.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway over the packaged migrations, for the schema's own tests. */
final class Migrations {

    private Migrations() {
    }

    static Flyway flyway(TestDatabase db) {
        return configuration(db).load();
    }

    static Flyway flywayUpTo(TestDatabase db, MigrationVersion target) {
        return configuration(db).target(target).load();
    }

    private static FluentConfiguration configuration(TestDatabase db) {
        return Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").cleanDisabled(true);
    }

    /** The undo script of a migration: same version and description, prefix {@code U}. */
    static String undoScript(String migrationScript) {
        String name = "db/migration/U" + migrationScript.substring(1);
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("No undo script " + name + " for " + migrationScript);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
