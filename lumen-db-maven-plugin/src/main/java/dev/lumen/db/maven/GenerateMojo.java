package dev.lumen.db.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * {@code lumen-db:generate}: applies the migrations to a throwaway PostgreSQL and generates jOOQ classes from
 * the live schema. Unchanged migrations and settings mean no database is started at all.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private @Nullable MavenProject project;

    /** Folder of {@code V<version>__<name>.sql} migrations and their {@code U...} undo scripts. */
    @Parameter(property = "lumen.db.migrations", defaultValue = "${maven.multiModuleProjectDirectory}/migrations")
    private @Nullable File migrations;

    /** Where the generated sources go; added to the compile source roots. */
    @Parameter(property = "lumen.db.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/jooq")
    private @Nullable File outputDirectory;

    /** Scratch folder: fingerprint, server log, embedded data directory. */
    @Parameter(property = "lumen.db.workDirectory", defaultValue = "${project.build.directory}/lumen-db")
    private @Nullable File workDirectory;

    /** Java package of the generated classes. */
    @Parameter(property = "lumen.db.packageName", defaultValue = GeneratorSettings.DEFAULT_PACKAGE)
    private String packageName = GeneratorSettings.DEFAULT_PACKAGE;

    /** Database schema to generate. */
    @Parameter(property = "lumen.db.inputSchema", defaultValue = GeneratorSettings.DEFAULT_SCHEMA)
    private String inputSchema = GeneratorSettings.DEFAULT_SCHEMA;

    /** Regular expressions of tables and other objects to leave out; Flyway's history table is always left out. */
    @Parameter
    private List<String> excludes = List.of();

    /** {@code embedded} (default), {@code testcontainers} or {@code url}. */
    @Parameter(property = "lumen.db.provider", defaultValue = "embedded")
    private String provider = "embedded";

    /** JDBC URL of an existing server, for provider {@code url}. A temporary database is created there. */
    @Parameter(property = "lumen.db.url")
    private @Nullable String url;

    /** User for provider {@code url}. */
    @Parameter(property = "lumen.db.user")
    private @Nullable String user;

    /** Password for provider {@code url}; prefer the {@code LUMEN_DB_PASSWORD} environment variable. */
    @Parameter(property = "lumen.db.password")
    private @Nullable String password;

    /** Docker image for provider {@code testcontainers}. */
    @Parameter(property = "lumen.db.image", defaultValue = GeneratorSettings.DEFAULT_IMAGE)
    private String image = GeneratorSettings.DEFAULT_IMAGE;

    /**
     * A jOOQ codegen XML ({@code jooq-codegen-maven}'s format) whose {@code <generator>} part is merged over lumen-db's
     * defaults. Default: {@code src/main/jooq/codegen.xml} of this module, when it exists.
     */
    @Parameter(property = "lumen.db.jooqConfiguration")
    private @Nullable File jooqConfiguration;

    /** POJO class names by table name, where the inflector's singular is not wanted ({@code <news>NewsItem</news>}). */
    @Parameter
    private Map<String, String> pojoNames = Map.of();

    /** Regenerate even when migrations and settings are unchanged. */
    @Parameter(property = "lumen.db.force", defaultValue = "false")
    private boolean force;

    /**
     * Add the generated sources to the test sources instead of the main ones: for fixture schemas that only
     * tests use (bind the execution to {@code generate-test-sources}).
     */
    @Parameter(defaultValue = "false")
    private boolean testSources;

    /** Skip the goal (the existing generated sources are still added). */
    @Parameter(property = "lumen.db.skip", defaultValue = "false")
    private boolean skip;

    /** Creates the Mojo; Maven injects the parameters. */
    public GenerateMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        File output = require(outputDirectory, "outputDirectory");
        if (skip) {
            getLog().info("lumen-db generate skipped.");
        } else {
            List<String> allExcludes = new ArrayList<>(excludes);
            allExcludes.addFirst(GeneratorSettings.FLYWAY_HISTORY_TABLE);
            String effectivePassword = password != null ? password : System.getenv("LUMEN_DB_PASSWORD");
            try {
                GeneratorSettings settings = new GeneratorSettings(require(migrations, "migrations").toPath(),
                        output.toPath(), require(workDirectory, "workDirectory").toPath(), packageName, inputSchema,
                        allExcludes, DatabaseProvider.parse(provider), url, user, effectivePassword, image, force)
                        .withJooqConfiguration(codegenFile(), sourceRoots())
                        .withPojoNames(pojoNames);
                SchemaGenerator.run(settings, new MavenBuildLog(getLog()));
            } catch (SchemaGenerationException e) {
                // One clean line in the build output; the low-level chain only with -X.
                getLog().debug("lumen-db generate failed", e);
                throw new MojoFailureException(e.getMessage());
            }
        }
        if (project != null && testSources) {
            project.addTestCompileSourceRoot(output.getAbsolutePath());
        } else if (project != null) {
            project.addCompileSourceRoot(output.getAbsolutePath());
        }
    }

    /** The configured file, or this module's {@code src/main/jooq/codegen.xml} when it exists. */
    private @Nullable Path codegenFile() {
        if (jooqConfiguration != null) {
            return jooqConfiguration.toPath();
        }
        if (project == null) {
            return null;
        }
        Path conventional = project.getBasedir().toPath().resolve("src/main/jooq/codegen.xml");
        return Files.isRegularFile(conventional) ? conventional : null;
    }

    /** Where types named by the codegen XML may be sources: this module's main (and, for tests, test) folders. */
    private List<Path> sourceRoots() {
        if (project == null) {
            return List.of();
        }
        List<Path> roots = new ArrayList<>();
        project.getCompileSourceRoots().forEach(root -> roots.add(Path.of(root)));
        if (testSources) {
            project.getTestCompileSourceRoots().forEach(root -> roots.add(Path.of(root)));
        }
        return roots;
    }

    private static <T> T require(@Nullable T value, String name) throws MojoFailureException {
        if (value == null) {
            throw new MojoFailureException("lumen-db parameter '" + name + "' is not set.");
        }
        return value;
    }

    /** Adapts Maven's log, prefixing lines so they stand out in a multi-module build. */
    private record MavenBuildLog(Log log) implements BuildLog {
        @Override
        public void info(String message) {
            log.info("[lumen-db] " + message);
        }

        @Override
        public void warn(String message) {
            log.warn("[lumen-db] " + message);
        }
    }
}
