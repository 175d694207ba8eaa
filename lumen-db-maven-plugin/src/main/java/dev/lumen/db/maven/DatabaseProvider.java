package dev.lumen.db.maven;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the throwaway PostgreSQL used for code generation comes from. */
public enum DatabaseProvider {
    /** PostgreSQL binaries from Maven Central (zonky), started in a temporary data directory. Needs only a JDK. */
    EMBEDDED,
    /** A pinned {@code postgres} image started with Testcontainers. Needs a Docker engine. */
    TESTCONTAINERS,
    /** An existing server; a temporary database is created on it and dropped afterwards. */
    URL;

    /**
     * Parses a provider name as written in the POM or on the command line.
     *
     * @param value {@code embedded}, {@code testcontainers} or {@code url}, in any case
     * @return the provider
     * @throws SchemaGenerationException for any other value
     */
    public static DatabaseProvider parse(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        for (DatabaseProvider provider : values()) {
            if (provider.name().equals(normalized)) {
                return provider;
            }
        }
        throw new SchemaGenerationException("Unknown lumen-db provider '" + value + "': use one of "
                + Arrays.stream(values()).map(DatabaseProvider::toString).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
