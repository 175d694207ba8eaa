package dev.lumen.db.codegen;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jooq.codegen.GeneratorException;
import org.jooq.meta.Database;

/**
 * lumen-db's customisations, read from the jOOQ database properties ({@code <database><properties>} in the codegen
 * XML), each on unless set to {@code false}:
 *
 * <ul>
 *   <li>{@value #SOFT_DELETABLE}: records and POJOs of tables with a {@code deleted_at timestamptz} column implement
 *       {@code SoftDeletable}, their tables {@code SoftDeleteTable};</li>
 *   <li>{@value #TIMESTAMPED}: with {@code created_at} and {@code updated_at timestamptz}, {@code Timestamped} and
 *       {@code TimestampedTable};</li>
 *   <li>{@value #INFLECTOR}: POJOs are named in the singular ({@link Inflector}); {@value #POJO_NAME_PREFIX}{@code
 *       <table>} names one table's POJO outright ({@code lumen.pojoName.news=NewsItem}).</li>
 * </ul>
 *
 * @param softDeletable whether SoftDeletable is added
 * @param timestamped   whether Timestamped is added
 * @param inflector     whether POJO names are singular
 * @param pojoNames     POJO class names by table name
 */
public record LumenOptions(boolean softDeletable, boolean timestamped, boolean inflector, Map<String, String> pojoNames) {

    /** Property switching {@code SoftDeletable} off. */
    public static final String SOFT_DELETABLE = "lumen.softDeletable";
    /** Property switching {@code Timestamped} off. */
    public static final String TIMESTAMPED = "lumen.timestamped";
    /** Property switching singular POJO names off. */
    public static final String INFLECTOR = "lumen.inflector";
    /** Prefix of properties naming a table's POJO. */
    public static final String POJO_NAME_PREFIX = "lumen.pojoName.";

    /** Copies the names. */
    public LumenOptions {
        pojoNames = Map.copyOf(pojoNames);
    }

    /**
     * The options of a code generation run.
     *
     * @param database the database being generated
     * @return the options
     * @throws GeneratorException when a switch is neither {@code true} nor {@code false}, or a POJO name is not a Java
     *                            identifier
     */
    public static LumenOptions of(Database database) {
        Properties properties = database.getProperties();
        Map<String, String> names = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(POJO_NAME_PREFIX)) {
                String name = properties.getProperty(key).trim();
                if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                    throw new GeneratorException("Database property " + key + " must be a Java class name, not '"
                            + name + "'");
                }
                names.put(key.substring(POJO_NAME_PREFIX.length()), name);
            }
        }
        return new LumenOptions(flag(properties, SOFT_DELETABLE), flag(properties, TIMESTAMPED),
                flag(properties, INFLECTOR), names);
    }

    private static boolean flag(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new GeneratorException("Database property " + key + " must be true or false, not '"
                    + value + "'");
        };
    }
}
