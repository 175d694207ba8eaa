package dev.lumen.db.spring.error;

import java.util.List;

/**
 * The application's classpath holds a jOOQ or Flyway older than lumen-db needs, typically because the
 * application's Spring Boot BOM manages an older one. Thrown at start-up, before any connection is made, and
 * explained by {@link IncompatibleLibraryFailureAnalyzer}.
 */
public final class IncompatibleLibraryException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<VersionCheck.Finding> findings;

    /**
     * Creates the exception.
     *
     * @param findings each library that is too old
     */
    public IncompatibleLibraryException(List<VersionCheck.Finding> findings) {
        super(VersionCheck.describe(findings));
        this.findings = List.copyOf(findings);
    }

    /**
     * The libraries that are too old.
     *
     * @return the findings
     */
    public List<VersionCheck.Finding> findings() {
        return findings;
    }
}
