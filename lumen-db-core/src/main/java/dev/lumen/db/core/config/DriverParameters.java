package dev.lumen.db.core.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.PGProperty;

/**
 * What lumen-db knows about pgjdbc's connection properties: their canonical names (from the driver's own
 * {@link PGProperty}), the libpq spellings of a few, and which ones carry secrets.
 */
final class DriverParameters {

    /** Parameters whose values are secrets, by pgjdbc name: never in a URL, a message or {@code toString}. */
    static final Set<String> SECRETS = Set.of("password", "sslpassword", "sslfactoryarg", "sslkey");

    /** libpq names (postgres:// URIs) for pgjdbc properties spelt differently. */
    private static final Map<String, String> LIBPQ = Map.of("application_name", "ApplicationName",
            "connect_timeout", "connectTimeout");

    /** {@code password=...} and friends in free text, up to the next separator. */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)((?:^|[?&;,\\s])(?:password|sslpassword|sslfactoryarg|sslkey|[a-z_]*(?:secret|token)[a-z_]*)\\s*[=:]\\s*)"
                    + "[^&;,\\s]*");

    private DriverParameters() {
    }

    /**
     * The name pgjdbc knows a parameter by.
     *
     * @param name as written in the URL, any case, pgjdbc or libpq spelling
     * @return the canonical name, or empty for a parameter pgjdbc does not know
     */
    static Optional<String> canonical(String name) {
        if (name.equalsIgnoreCase("user") || name.equalsIgnoreCase("password")) {
            return Optional.of(name.toLowerCase(Locale.ROOT));
        }
        String libpq = LIBPQ.get(name.toLowerCase(Locale.ROOT));
        if (libpq != null) {
            return Optional.of(libpq);
        }
        return Arrays.stream(PGProperty.values())
                .map(PGProperty::getName)
                .filter(known -> known.equalsIgnoreCase(name))
                .findFirst();
    }

    /**
     * Whether a parameter's value is a secret.
     *
     * @param canonicalName the pgjdbc name
     * @return true for passwords, key passphrases and the like
     */
    static boolean isSecret(String canonicalName) {
        String lower = canonicalName.toLowerCase(Locale.ROOT);
        return SECRETS.contains(lower) || lower.contains("password") || lower.contains("secret")
                || lower.contains("token");
    }

    /**
     * The known parameter closest to a misspelt one, if it is close.
     *
     * @param name the unknown name
     * @return a suggestion
     */
    static Optional<String> suggestion(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(PGProperty.values())
                .map(PGProperty::getName)
                .filter(known -> !isSecret(known))
                .min(Comparator.comparingInt(known -> Edits.distance(known.toLowerCase(Locale.ROOT), lower)))
                .filter(known -> Edits.distance(known.toLowerCase(Locale.ROOT), lower) <= 2);
    }

    /**
     * Masks the values of secret-bearing parameters in free text.
     *
     * @param text any text
     * @return the text with those values replaced by {@code ****}
     */
    static String maskParameters(String text) {
        return SECRET_VALUE.matcher(text).replaceAll("$1****");
    }
}
