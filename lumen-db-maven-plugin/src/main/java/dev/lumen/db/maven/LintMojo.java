package dev.lumen.db.maven;

import dev.lumen.db.lint.LintException;
import dev.lumen.db.lint.LintReport;
import dev.lumen.db.lint.MigrationLinter;
import dev.lumen.db.lint.NotAnalysed;
import dev.lumen.db.lint.Violation;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code lumen-db:lint}: lints the migrations before any code is generated from them and reports one
 * {@code file:line: LDB00x message (fix: ...)} line per violation. By default the lines are build warnings: the
 * migrations are the users' schema, and a valid migration a rule frowns on ({@code varchar(40)}, a rename) must
 * not turn the build red. {@code failOnViolation} ({@code -Dlumen.db.lint.failOnViolation=true}) makes
 * violations fail the build, for teams that want the gate. The rules and the suppression comments are documented
 * in {@code src/docs/migration-lint.md}.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class LintMojo extends AbstractMojo {

    static {
        // jOOQ's parser prints a banner and tips on first use; a build log has no room for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** Where the rules are explained, for failure messages. */
    static final String DOCS = "src/docs/migration-lint.md";

    /** Folder of {@code V<version>__<name>.sql} migrations and their {@code U...} undo scripts. */
    @Parameter(property = "lumen.db.migrations", defaultValue = "${maven.multiModuleProjectDirectory}/migrations")
    @Nullable File migrations;

    /** Skip the goal. */
    @Parameter(property = "lumen.db.lint.skip", defaultValue = "false")
    boolean skip;

    /** Fail the build on violations; when false (the default) they are logged as warnings. */
    @Parameter(property = "lumen.db.lint.failOnViolation", defaultValue = "false")
    boolean failOnViolation;

    /** Rule ids to switch off for every file, for example {@code LDB006}; {@code LDB000} cannot be switched off. */
    @Parameter(property = "lumen.db.lint.disabledRules")
    List<String> disabledRules = List.of();

    /** Creates the Mojo; Maven injects the parameters. */
    public LintMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        Log log = getLog();
        if (skip) {
            log.info("[lumen-db] lint skipped.");
            return;
        }
        if (migrations == null) {
            throw new MojoFailureException("lumen-db parameter 'migrations' is not set.");
        }
        Path folder = migrations.toPath().toAbsolutePath().normalize();
        LintReport report;
        try {
            report = MigrationLinter.create().withDisabledRules(disabledRules).lint(folder);
        } catch (LintException | IllegalArgumentException e) {
            log.debug("lumen-db lint failed", e);
            throw new MojoFailureException("lumen-db lint: " + e.getMessage());
        }
        log.info("[lumen-db] Linted " + folder + ": " + report.summary() + ".");
        logNotAnalysed(report.notAnalysed(), log);
        report.warnings().forEach(warning -> log.warn("[lumen-db] " + warning.format()));
        if (report.isClean()) {
            return;
        }
        if (failOnViolation) {
            throw new MojoFailureException(failureMessage(report.violations()));
        }
        report.violations().forEach(violation -> log.warn("[lumen-db] " + violation.format()));
        log.warn("[lumen-db] lint: " + report.violations().size()
                + (report.violations().size() == 1 ? " violation" : " violations") + " reported as warnings (rules: "
                + DOCS + "); -Dlumen.db.lint.failOnViolation=true makes them fail the build.");
    }

    /**
     * The build failure: a heading, then one line per violation.
     *
     * @param violations the violations, in report order
     * @return the message
     */
    static String failureMessage(List<Violation> violations) {
        String heading = "lumen-db lint found " + violations.size()
                + (violations.size() == 1 ? " violation" : " violations") + " in the migrations (rules: " + DOCS
                + "; a reviewed exception takes -- lumen-lint:disable LDB0xx <reason> above its statement):";
        return violations.stream()
                .map(Violation::format)
                .collect(Collectors.joining(System.lineSeparator(), heading + System.lineSeparator(), ""));
    }

    /** One info line counting what jOOQ could not parse, and each statement at debug level. */
    private static void logNotAnalysed(List<NotAnalysed> notAnalysed, Log log) {
        if (notAnalysed.isEmpty()) {
            return;
        }
        Map<String, Long> byKind = new TreeMap<>(notAnalysed.stream()
                .collect(Collectors.groupingBy(NotAnalysed::kind, Collectors.counting())));
        log.info("[lumen-db] Not analysed, beyond jOOQ's parser (no rule judged them): " + byKind.entrySet().stream()
                .map(entry -> entry.getValue() + " x " + entry.getKey())
                .collect(Collectors.joining(", ")) + ". Run with -X to list them.");
        if (log.isDebugEnabled()) {
            notAnalysed.forEach(statement -> log.debug("[lumen-db] " + statement.format()));
        }
    }
}
