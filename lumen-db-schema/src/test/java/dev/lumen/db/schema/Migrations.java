package dev.lumen.db.schema;

import dev.lumen.db.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

    /**
     * The versioned scripts ({@code V<version>__<name>.sql}) packaged into {@code db/migration}, sorted by
     * version: what the seed's tests expect, read from the folder instead of written down, so a migration a user
     * adds changes the expectation with it.
     */
    static List<String> versionedScripts() {
        URL folder = Migrations.class.getClassLoader().getResource("db/migration");
        if (folder == null) {
            throw new AssertionError("No db/migration on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9][0-9_.]*__.+\\.sql"))
                    .sorted(java.util.Comparator.comparing(Migrations::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version of a script name, as Flyway orders it. */
    static MigrationVersion version(String script) {
        return MigrationVersion.fromVersion(script.substring(1, script.indexOf("__")).replace('_', '.'));
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
