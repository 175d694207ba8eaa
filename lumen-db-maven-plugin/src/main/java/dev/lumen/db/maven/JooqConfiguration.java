package dev.lumen.db.maven;

import java.util.Map;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Property;
import org.jspecify.annotations.Nullable;

/**
 * The jOOQ configuration a run uses: lumen-db's defaults ({@link JooqCodegen#configuration}), the plugin's POJO name
 * overrides as database properties, and the user's codegen XML merged over them ({@link JooqConfigMerge}), with
 * every class it names found ({@link NamedClasses}).
 *
 * @param configuration what {@code GenerationTool} runs
 * @param file          the user's codegen XML, if any
 * @param classes       class (or source) bytes of what the configuration names, by class name, for the fingerprint
 */
record JooqConfiguration(Configuration configuration, @Nullable JooqConfigFile file, Map<String, byte[]> classes) {

    /**
     * Builds the configuration for a run; reads no database.
     *
     * @param settings the generator settings
     * @return the configuration
     * @throws SchemaGenerationException naming file and line when the codegen XML is invalid, sets what lumen-db
     *                                   controls or names a class that cannot be found
     */
    static JooqConfiguration prepare(GeneratorSettings settings) {
        Configuration configuration = JooqCodegen.configuration(settings);
        settings.pojoNames().forEach((table, name) -> configuration.getGenerator().getDatabase().getProperties()
                .add(new Property().withKey(dev.lumen.db.codegen.LumenOptions.POJO_NAME_PREFIX + table).withValue(name)));
        JooqConfigFile file = settings.jooqConfiguration() == null ? null
                : JooqConfigFile.read(settings.jooqConfiguration());
        if (file != null) {
            JooqConfigMerge.merge(file, configuration);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = JooqConfiguration.class.getClassLoader();
        }
        Map<String, byte[]> classes = NamedClasses.resolve(file, configuration.getGenerator().getName(), loader,
                settings.sourceRoots());
        return new JooqConfiguration(configuration, file, classes);
    }
}
