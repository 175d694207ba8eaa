package dev.lumen.db.lint;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Test helpers. */
final class Lint {

    private Lint() {
    }

    /** Lints a script as the forward migration {@code V1__test.sql}. */
    static LintReport migration(String sql) {
        return MigrationLinter.create().lintScript("V1__test.sql", sql);
    }

    /** The rule ids and lines of a report's violations, as {@code LDB001@4}. */
    static List<String> found(LintReport report) {
        return report.violations().stream().map(v -> v.ruleId() + "@" + v.line()).toList();
    }

    /** A folder under {@code src/test/resources/fixtures}. */
    static Path fixtures(String name) {
        URL url = Lint.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("No fixture folder " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
