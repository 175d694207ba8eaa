package dev.lumen.db.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lints the text of one file: lex, split into statements, rewrite the PostgreSQL clauses jOOQ lacks, parse each
 * unit with jOOQ, let every applicable check judge the statement against what the earlier statements of the file
 * did, then apply the file's suppression comments. A {@code SET} or {@code RESET} of {@code lock_timeout} that
 * jOOQ cannot parse counts as switching the timeout off: the linter errs towards asking for one.
 */
final class FileLinter {

    private static final String LOCK_TIMEOUT = "lock_timeout";

    private final JooqParser parser = new JooqParser();
    private final Set<Rule> enabled;
    private final List<Check> checks;

    /**
     * Creates a linter for the given rules.
     *
     * @param enabled the rules switched on
     */
    FileLinter(Set<Rule> enabled) {
        this.enabled = Set.copyOf(enabled);
        this.checks = Check.all().stream().filter(check -> enabled.contains(check.rule())).toList();
    }

    /**
     * What linting one file found.
     *
     * @param violations  unsuppressed violations
     * @param warnings    suppressions that suppressed nothing
     * @param notAnalysed statements jOOQ could not parse
     * @param statements  how many statements the file has
     */
    record Result(List<Violation> violations, List<Violation> warnings, List<NotAnalysed> notAnalysed,
            int statements) {
    }

    /**
     * Lints one file.
     *
     * @param file         the file, for the report
     * @param text         its content
     * @param kind         its kind, which decides the rules that apply
     * @param fileFindings findings about the file as a whole, made by the caller ({@link Rule#LDB009})
     * @return what was found
     */
    Result lint(Path file, String text, MigrationKind kind, List<Finding> fileFindings) {
        SqlLexer.Result lexed = SqlLexer.lex(text);
        List<SqlStatement> statements = StatementSplitter.split(lexed);
        FileState state = new FileState();
        List<Finding> findings = new ArrayList<>(fileFindings);
        List<NotAnalysed> notAnalysed = new ArrayList<>();
        List<Check> applicable = checks.stream().filter(check -> check.rule().appliesTo(kind)).toList();
        for (SqlStatement statement : statements) {
            List<Change> changes = new ArrayList<>();
            for (ParseUnit unit : StatementRewriter.units(statement)) {
                switch (parser.parse(unit)) {
                    case JooqParser.Parsed parsed -> changes.add(parsed.change());
                    case JooqParser.Skipped skipped -> {
                        notAnalysed.add(new NotAnalysed(file, statement.line(), unit.label(), skipped.reason()));
                        if (statement.setsParameter(LOCK_TIMEOUT)) {
                            // RESET lock_timeout, SET lock_timeout TO DEFAULT: assume the protection is gone.
                            changes.add(new Change.SetParameter(LOCK_TIMEOUT, "0", false));
                        }
                    }
                }
            }
            for (Check check : applicable) {
                for (String message : check.check(changes, state)) {
                    findings.add(new Finding(check.rule(), statement.line(), statement.index(), message));
                }
            }
            changes.forEach(state::apply);
        }
        if (enabled.contains(Rule.LDB010) && Rule.LDB010.appliesTo(kind)) {
            findings.addAll(NonTransactionalCheck.findings(statements, kind));
        }
        Suppressions suppressions = Suppressions.parse(lexed.comments(), statements);
        List<Violation> violations = new ArrayList<>();
        for (Finding finding : findings) {
            if (!suppressions.suppresses(finding)) {
                violations.add(Violation.of(finding.rule(), file, finding.line(), finding.message()));
            }
        }
        for (Finding problem : suppressions.problems()) {
            violations.add(Violation.of(problem.rule(), file, problem.line(), problem.message()));
        }
        return new Result(violations, suppressions.unused(file, kind, enabled), notAnalysed, statements.size());
    }
}
