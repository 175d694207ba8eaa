package dev.lumen.db.maven;

import dev.lumen.db.codegen.LumenJavaGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.GeneratedAnnotationType;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.OnError;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;
import org.jooq.meta.postgres.PostgresDatabase;

/** Runs jOOQ's code generator against the live, migrated schema. */
final class JooqCodegen {

    static {
        // jOOQ prints a banner and tips on first use; a build log has no room for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private JooqCodegen() {
    }

    /**
     * Generates Java sources as a prepared configuration says.
     *
     * @param dataSource    the migrated database
     * @param configuration the configuration ({@link JooqConfiguration#prepare})
     */
    static void generate(DataSource dataSource, Configuration configuration) {
        try (Connection connection = dataSource.getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                tool.setClassLoader(loader);
            }
            tool.run(configuration);
        } catch (SQLException e) {
            throw new SchemaGenerationException("jOOQ could not read the schema: " + PostgresErrors.describe(e), e);
        } catch (SchemaGenerationException e) {
            throw e;
        } catch (Exception e) {
            throw new SchemaGenerationException("jOOQ code generation failed: " + e.getMessage(), e);
        }
    }

    /**
     * The jOOQ configuration: PostgreSQL, one schema rendered as the default schema, {@code java.time} types,
     * records, immutable POJOs as Java records named in the singular by lumen-db's generator ({@code users} ->
     * {@code User}, {@code addresses} -> {@code Address}) with its runtime interfaces, JSpecify
     * nullness, no timestamps in {@code @Generated} so unchanged input gives byte-identical output.
     *
     * @param settings generator settings
     * @return the configuration
     */
    static Configuration configuration(GeneratorSettings settings) {
        Database database = new Database()
                .withName(PostgresDatabase.class.getName())
                .withInputSchema(settings.inputSchema())
                .withOutputSchemaToDefault(true)
                .withIncludes(".*")
                .withExcludes(String.join("|", settings.excludes()))
                .withIncludeRoutines(false)
                .withIncludeTriggerRoutines(false)
                .withIncludeSequences(true)
                .withIncludeIndexes(true);
        Generate generate = new Generate()
                .withJavaTimeTypes(true)
                .withRecords(true)
                .withPojos(true)
                .withImmutablePojos(true)
                .withPojosAsJavaRecordClasses(true)
                .withDaos(false)
                .withIndexes(true)
                .withKeys(true)
                .withGlobalObjectReferences(true)
                .withFluentSetters(true)
                .withJavadoc(true)
                .withComments(true)
                .withDeprecationOnUnknownTypes(true)
                .withGeneratedAnnotation(true)
                .withGeneratedAnnotationType(GeneratedAnnotationType.JAVAX_ANNOTATION_PROCESSING_GENERATED)
                .withGeneratedAnnotationDate(false)
                .withGeneratedAnnotationJooqVersion(true)
                .withNullableAnnotation(true)
                .withNullableAnnotationType("org.jspecify.annotations.Nullable")
                .withNonnullAnnotation(true)
                .withNonnullAnnotationType("org.jspecify.annotations.NonNull");
        // jOOQ's default naming; LumenJavaGenerator wraps it (or the strategy a codegen XML names) with the
        // inflector's singular POJO names and the runtime interfaces.
        Strategy strategy = new Strategy();
        return new Configuration()
                .withLogging(Logging.WARN)
                .withOnError(OnError.FAIL)
                .withGenerator(new Generator()
                        .withName(LumenJavaGenerator.class.getName())
                        .withStrategy(strategy)
                        .withDatabase(database)
                        .withGenerate(generate)
                        .withTarget(new Target()
                                .withPackageName(settings.packageName())
                                .withDirectory(settings.outputDirectory().toAbsolutePath().toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
    }
}
