package dev.lumen.db.core.statement;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.Locale;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Whether the direct path re-renders every call and compares its SQL with the SQL cached for the call's shape
 * (the key the caller says all calls of that SQL share). A wrong shape then fails at once, naming its origin,
 * instead of running another shape's SQL with this call's values. It costs one jOOQ rendering per call, so it is
 * on by default in the {@code test} profile (lumen-db marks its configuration) and in {@code @LumenDbTest} runs
 * (the extension sets the system property), off in dev and prod.
 *
 * <p>The system property {@value #PROPERTY} or the environment variable {@value #VARIABLE} ({@code true} or
 * {@code false}) overrides the profile's default in either direction.
 */
public final class ShapeVerification {

    /** System property: {@code true} or {@code false}. */
    public static final String PROPERTY = "lumen.db.verify-shapes";
    /** Environment variable, read when the system property is not set. */
    public static final String VARIABLE = "LUMEN_DB_VERIFY_SHAPES";

    /** The key of the profile's default in a jOOQ configuration's data. */
    private static final String DEFAULT_KEY = ShapeVerification.class.getName() + ".default";

    private ShapeVerification() {
    }

    /**
     * Marks a configuration with its profile's default ({@code true} for the test profile).
     *
     * @param configuration the configuration lumen-db builds
     * @param verify        the default
     */
    public static void setDefault(Configuration configuration, boolean verify) {
        configuration.data(DEFAULT_KEY, verify);
    }

    /**
     * Whether statements run with this configuration are verified.
     *
     * @param configuration the scope's configuration
     * @return true when verifying
     */
    public static boolean enabled(Configuration configuration) {
        Boolean property = parse(System.getProperty(PROPERTY), PROPERTY);
        if (property != null) {
            return property;
        }
        Boolean variable = parse(System.getenv(VARIABLE), VARIABLE);
        if (variable != null) {
            return variable;
        }
        return Boolean.TRUE.equals(configuration.data(DEFAULT_KEY));
    }

    private static @Nullable Boolean parse(@Nullable String value, String source) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ConfigurationException(PROPERTY, source + " must be true or false");
        };
    }
}
