package dev.lumen.db.maven;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.OnError;
import org.jooq.meta.postgres.PostgresDatabase;

/**
 * Merges the {@code <generator>} part of a codegen XML over lumen-db's defaults, element by element: what the file
 * sets wins, what it leaves out keeps lumen-db's value, lists (forced types, embeddables, properties, ...) are
 * appended, {@code <excludes>} are added to lumen-db's (Flyway's history table stays out), and a
 * {@code <strategy>} replaces the default naming as a whole. What lumen-db controls is refused with the file, line
 * and element: the connection, the input schema, the target directory and package, the database class, and an
 * {@code <onError>} other than {@code FAIL}.
 */
final class JooqConfigMerge {

    /** Elements of {@code <configuration>} lumen-db owns, with the reason given in the error. */
    private static final Map<String, String> REFUSED_TOP = Map.of(
            "jdbc", "lumen-db connects to the throwaway database it migrated; set the provider, url and user of the"
                    + " lumen-db plugin instead");
    /** Elements of {@code <database>} lumen-db owns. */
    private static final Set<String> REFUSED_DATABASE = Set.of("inputSchema", "outputSchema", "outputSchemaToDefault",
            "schemata", "inputCatalog", "outputCatalog", "outputCatalogToDefault", "catalogs");
    /** Elements of {@code <target>} lumen-db owns. */
    private static final Map<String, String> REFUSED_TARGET = Map.of(
            "directory", "set the lumen-db plugin's <outputDirectory> instead",
            "packageName", "set the lumen-db plugin's <packageName> instead");

    private JooqConfigMerge() {
    }

    /**
     * Merges a file over the defaults, in place.
     *
     * @param file     the codegen XML
     * @param defaults lumen-db's configuration (changed)
     * @throws SchemaGenerationException when the file sets what lumen-db controls
     */
    static void merge(JooqConfigFile file, Configuration defaults) {
        Configuration user = file.configuration();
        for (XmlElement element : file.root().children()) {
            String name = element.name();
            if (REFUSED_TOP.containsKey(name)) {
                throw refused(file, element, REFUSED_TOP.get(name));
            }
            switch (name) {
                case "generator" -> mergeGenerator(file, element, user.getGenerator(), defaults.getGenerator());
                case "onError" -> {
                    if (user.getOnError() != OnError.FAIL) {
                        throw refused(file, element, "a failed code generation must fail the build");
                    }
                }
                default -> copy(file, element, user, defaults);
            }
        }
    }

    private static void mergeGenerator(JooqConfigFile file, XmlElement generator, Generator user, Generator defaults) {
        for (XmlElement element : generator.children()) {
            switch (element.name()) {
                case "database" -> mergeDatabase(file, element, user.getDatabase(), defaults.getDatabase());
                case "generate" -> copyChildren(file, element, user.getGenerate(), defaults.getGenerate());
                case "target" -> {
                    for (XmlElement child : element.children()) {
                        if (REFUSED_TARGET.containsKey(child.name())) {
                            throw refused(file, child, REFUSED_TARGET.get(child.name()));
                        }
                        copy(file, child, user.getTarget(), defaults.getTarget());
                    }
                }
                // A strategy is a whole: a class name or matchers, never half of lumen-db's and half of the file's.
                case "strategy" -> defaults.setStrategy(user.getStrategy());
                default -> copy(file, element, user, defaults);
            }
        }
    }

    private static void mergeDatabase(JooqConfigFile file, XmlElement database, Database user, Database defaults) {
        for (XmlElement element : database.children()) {
            String name = element.name();
            if (REFUSED_DATABASE.contains(name)) {
                throw refused(file, element, "lumen-db generates the schema of its <inputSchema> parameter ('"
                        + defaults.getInputSchema() + "') as the default schema");
            }
            switch (name) {
                case "name" -> {
                    if (!PostgresDatabase.class.getName().equals(user.getName().trim())) {
                        throw refused(file, element, "lumen-db reads PostgreSQL with "
                                + PostgresDatabase.class.getName());
                    }
                }
                // lumen-db's excludes (flyway_schema_history above all) always apply; the file's are added.
                case "excludes" -> defaults.setExcludes(defaults.getExcludes() + "|" + user.getExcludes().trim());
                default -> copy(file, element, user, defaults);
            }
        }
    }

    private static void copyChildren(JooqConfigFile file, XmlElement parent, Object from, Object to) {
        for (XmlElement element : parent.children()) {
            copy(file, element, from, to);
        }
    }

    /** Copies the property an element sets (lists are appended). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void copy(JooqConfigFile file, XmlElement element, Object from, Object to) {
        String property = element.name().substring(0, 1).toUpperCase(Locale.ROOT) + element.name().substring(1);
        Method getter = method(from.getClass(), "get" + property);
        if (getter == null) {
            getter = method(from.getClass(), "is" + property);
        }
        if (getter == null) {
            throw new SchemaGenerationException(file.at(element) + ": lumen-db cannot merge <" + element.name()
                    + "> of " + element.path() + " (no such jOOQ setting).");
        }
        try {
            Object value = getter.invoke(from);
            if (value instanceof List<?> list) {
                ((List) getter.invoke(to)).addAll(list);
            } else {
                to.getClass().getMethod("set" + property, getter.getReturnType()).invoke(to, value);
            }
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new SchemaGenerationException(file.at(element) + ": lumen-db cannot merge <" + element.name()
                    + "> of " + element.path() + ": " + e, e);
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static SchemaGenerationException refused(JooqConfigFile file, XmlElement element, String reason) {
        return new SchemaGenerationException(file.at(element) + ": <" + element.name() + "> (" + element.path()
                + ") is set by lumen-db, not by the jOOQ configuration: " + reason + ".");
    }
}
