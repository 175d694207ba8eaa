package dev.lumen.db.spring.error;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains {@link IncompatibleLibraryException} at start-up: which library is too old and which property
 * ({@code jooq.version}, {@code flyway.version}) brings lumen-db's version back under Spring Boot's BOM.
 */
public final class IncompatibleLibraryFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleLibraryException> {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public IncompatibleLibraryFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleLibraryException cause) {
        String description = "lumen-db cannot run with the libraries on the classpath: " + cause.getMessage()
                + ". The application's dependency management (usually Spring Boot's BOM) chose them.";
        String action = cause.findings().stream()
                .map(f -> "set the property " + f.property() + " to " + f.minimum() + " or newer (Maven: <"
                        + f.property() + ">" + f.minimum() + "</" + f.property() + "> in <properties>; Gradle: "
                        + f.property() + "=" + f.minimum() + " in gradle.properties)")
                .collect(Collectors.joining(", and ", "Make lumen-db's versions win: ", "."));
        return new FailureAnalysis(description, action, cause);
    }
}
