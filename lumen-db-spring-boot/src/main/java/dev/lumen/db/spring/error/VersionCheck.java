package dev.lumen.db.spring.error;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compares the jOOQ and Flyway on the classpath with the versions lumen-db was built for. Spring Boot 4.0's BOM
 * manages jOOQ 3.19 and Flyway 11; an application importing it overrides lumen-db's versions unless it sets
 * {@code jooq.version} / {@code flyway.version}, and the result fails far from the cause (a missing method in
 * generated code). This check fails at start-up instead, naming the property to set.
 */
public final class VersionCheck {

    /** Oldest jOOQ lumen-db runs with: its generated code and runtime use 3.21 API. */
    public static final String MINIMUM_JOOQ = "3.21.0";
    /** Oldest Flyway lumen-db runs with. */
    public static final String MINIMUM_FLYWAY = "13.0.0";

    /**
     * One library that is too old.
     *
     * @param library  group:artifact
     * @param property the Maven / Gradle property that sets its version under Spring Boot's BOM
     * @param found    the version on the classpath
     * @param minimum  the oldest lumen-db accepts
     */
    public record Finding(String library, String property, String found, String minimum) {
    }

    private VersionCheck() {
    }

    /**
     * Checks the classpath.
     *
     * @throws IncompatibleLibraryException when jOOQ or Flyway is too old
     */
    public static void verify() {
        ClassLoader loader = VersionCheck.class.getClassLoader();
        List<Finding> findings = check(Map.of(
                "org.jooq:jooq", versionOf(loader, "org.jooq", "jooq"),
                "org.flywaydb:flyway-core", versionOf(loader, "org.flywaydb", "flyway-core")));
        if (!findings.isEmpty()) {
            throw new IncompatibleLibraryException(findings);
        }
    }

    /**
     * Checks given versions; a library whose version is unknown (repackaged, shaded) is not judged.
     *
     * @param versions group:artifact to the version found, or empty when unknown
     * @return the libraries that are too old
     */
    public static List<Finding> check(Map<String, String> versions) {
        List<Finding> findings = new ArrayList<>();
        judge(findings, "org.jooq:jooq", "jooq.version", versions.get("org.jooq:jooq"), MINIMUM_JOOQ);
        judge(findings, "org.flywaydb:flyway-core", "flyway.version", versions.get("org.flywaydb:flyway-core"),
                MINIMUM_FLYWAY);
        return findings;
    }

    static String describe(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.library() + " " + f.found() + " is older than the " + f.minimum() + " lumen-db needs")
                .collect(Collectors.joining("; "));
    }

    private static void judge(List<Finding> findings, String library, String property, @Nullable String found,
            String minimum) {
        if (found != null && !found.isBlank() && compare(found, minimum) < 0) {
            findings.add(new Finding(library, property, found, minimum));
        }
    }

    /** Compares dotted numeric versions; a qualifier ({@code -RC1}) counts as the release it precedes. */
    static int compare(String left, String right) {
        String[] a = left.split("[.-]");
        String[] b = right.split("[.-]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? number(a[i]) : 0;
            int y = i < b.length ? number(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int number(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, Math.min(end, 9)));
    }

    private static String versionOf(ClassLoader loader, String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return "";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "");
        } catch (IOException e) {
            return "";
        }
    }
}
