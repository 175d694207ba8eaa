package dev.lumen.db.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link SchemaGenerator} needs, validated once.
 *
 * @param migrations      folder holding {@code V*.sql} migrations (and {@code U*.sql} undo scripts)
 * @param outputDirectory where generated sources go; cleaned on every regeneration
 * @param workDirectory   where the fingerprint, the server log and the embedded data directory live
 * @param packageName     Java package of the generated classes
 * @param inputSchema     database schema to read
 * @param excludes        regular expressions of objects not to generate
 * @param provider        where the throwaway database comes from
 * @param url             JDBC URL of an existing server, required for {@link DatabaseProvider#URL}
 * @param user            user for {@code url}
 * @param password        password for {@code url}; never logged
 * @param image           Docker image for {@link DatabaseProvider#TESTCONTAINERS}
 * @param force           regenerate even when the inputs are unchanged
 * @param jooqConfiguration a jOOQ codegen XML merged over lumen-db's defaults, or {@code null}
 * @param sourceRoots     this module's source folders, where types named in the codegen XML may live
 * @param pojoNames       POJO class names by table name, over the inflector's
 */
public record GeneratorSettings(
        Path migrations,
        Path outputDirectory,
        Path workDirectory,
        String packageName,
        String inputSchema,
        List<String> excludes,
        DatabaseProvider provider,
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        String image,
        boolean force,
        @Nullable Path jooqConfiguration,
        List<Path> sourceRoots,
        Map<String, String> pojoNames) {

    /** Default Java package of the generated classes. */
    public static final String DEFAULT_PACKAGE = "dev.lumen.db.schema";
    /** Default schema read by the generator. */
    public static final String DEFAULT_SCHEMA = "public";
    /** Default image for the Testcontainers provider; its major version matches the embedded binaries. */
    public static final String DEFAULT_IMAGE = "postgres:18";
    /** Flyway's bookkeeping table is never part of the generated API. */
    public static final String FLYWAY_HISTORY_TABLE = "flyway_schema_history";

    /** Validates the settings; every problem names the setting to fix. */
    public GeneratorSettings {
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(provider, "provider");
        excludes = List.copyOf(excludes);
        sourceRoots = List.copyOf(sourceRoots);
        pojoNames = Map.copyOf(new TreeMap<>(pojoNames));
        pojoNames.forEach((table, name) -> {
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new SchemaGenerationException("lumen-db pojoNames: '" + name + "' (for table " + table
                        + ") is not a Java class name.");
            }
        });
        if (jooqConfiguration != null && !java.nio.file.Files.isRegularFile(jooqConfiguration)) {
            throw new SchemaGenerationException("lumen-db jooqConfiguration " + jooqConfiguration.toAbsolutePath()
                    + " does not exist.");
        }
        if (!packageName.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*")) {
            throw new SchemaGenerationException("lumen-db packageName '" + packageName + "' is not a Java package name.");
        }
        if (inputSchema.isBlank()) {
            throw new SchemaGenerationException("lumen-db inputSchema must not be blank.");
        }
        if (provider == DatabaseProvider.URL && (url == null || url.isBlank())) {
            throw new SchemaGenerationException(
                    "lumen-db provider 'url' needs a JDBC URL: set <url> or -Dlumen.db.url=jdbc:postgresql://host:5432/postgres.");
        }
        if (image.isBlank()) {
            throw new SchemaGenerationException("lumen-db image must not be blank.");
        }
    }

    /**
     * Settings without a codegen XML, source roots or POJO names.
     *
     * @param migrations      migrations folder
     * @param outputDirectory generated sources folder
     * @param workDirectory   scratch folder
     * @param packageName     package of the generated classes
     * @param inputSchema     schema to read
     * @param excludes        objects not to generate
     * @param provider        where the database comes from
     * @param url             server URL for {@link DatabaseProvider#URL}
     * @param user            server user
     * @param password        server password
     * @param image           Docker image
     * @param force           regenerate even when up to date
     */
    public GeneratorSettings(Path migrations, Path outputDirectory, Path workDirectory, String packageName,
            String inputSchema, List<String> excludes, DatabaseProvider provider, @Nullable String url,
            @Nullable String user, @Nullable String password, String image, boolean force) {
        this(migrations, outputDirectory, workDirectory, packageName, inputSchema, excludes, provider, url, user,
                password, image, force, null, List.of(), Map.of());
    }

    /**
     * Settings with the defaults of the {@code generate} goal for a project whose migrations are in {@code migrations}.
     *
     * @param migrations      migrations folder
     * @param outputDirectory generated sources folder
     * @param workDirectory   scratch folder
     * @return settings for the embedded provider
     */
    public static GeneratorSettings defaults(Path migrations, Path outputDirectory, Path workDirectory) {
        return new GeneratorSettings(migrations, outputDirectory, workDirectory, DEFAULT_PACKAGE, DEFAULT_SCHEMA,
                List.of(FLYWAY_HISTORY_TABLE), DatabaseProvider.EMBEDDED, null, null, null, DEFAULT_IMAGE, false);
    }

    /**
     * A copy with another provider.
     *
     * @param newProvider the provider
     * @param newUrl      server URL for {@link DatabaseProvider#URL}
     * @param newUser     server user
     * @param newPassword server password
     * @return the copy
     */
    public GeneratorSettings withProvider(DatabaseProvider newProvider, @Nullable String newUrl,
            @Nullable String newUser, @Nullable String newPassword) {
        return new GeneratorSettings(migrations, outputDirectory, workDirectory, packageName, inputSchema, excludes,
                newProvider, newUrl, newUser, newPassword, image, force, jooqConfiguration, sourceRoots, pojoNames);
    }

    /**
     * A copy with {@code force} set.
     *
     * @param newForce regenerate even when up to date
     * @return the copy
     */
    public GeneratorSettings withForce(boolean newForce) {
        return new GeneratorSettings(migrations, outputDirectory, workDirectory, packageName, inputSchema, excludes,
                provider, url, user, password, image, newForce, jooqConfiguration, sourceRoots, pojoNames);
    }

    /**
     * A copy with a codegen XML.
     *
     * @param file        the jOOQ codegen XML, or {@code null}
     * @param roots       this module's source folders
     * @return the copy
     */
    public GeneratorSettings withJooqConfiguration(@Nullable Path file, List<Path> roots) {
        return new GeneratorSettings(migrations, outputDirectory, workDirectory, packageName, inputSchema, excludes,
                provider, url, user, password, image, force, file, roots, pojoNames);
    }

    /**
     * A copy with POJO names.
     *
     * @param names POJO class names by table name
     * @return the copy
     */
    public GeneratorSettings withPojoNames(Map<String, String> names) {
        return new GeneratorSettings(migrations, outputDirectory, workDirectory, packageName, inputSchema, excludes,
                provider, url, user, password, image, force, jooqConfiguration, sourceRoots, names);
    }

    /** The password never reaches logs or build output. */
    @Override
    public String toString() {
        return "GeneratorSettings[migrations=" + migrations + ", outputDirectory=" + outputDirectory
                + ", packageName=" + packageName + ", inputSchema=" + inputSchema + ", excludes=" + excludes
                + ", provider=" + provider + ", url=" + (url == null ? null : JdbcUrls.mask(url))
                + ", user=" + user + ", password=" + (password == null ? null : "****")
                + ", image=" + image + ", force=" + force + ", jooqConfiguration=" + jooqConfiguration
                + ", pojoNames=" + pojoNames + "]";
    }
}
