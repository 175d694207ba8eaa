package dev.lumen.db.lint;

import java.util.List;

/**
 * The outcome of a lint run.
 *
 * @param violations  broken rules, by file and line; a non-empty list should fail the build
 * @param warnings    findings that should not fail a build: suppressions that suppress nothing
 * @param notAnalysed statements jOOQ's parser could not parse, which no rule could judge
 * @param files       how many files were linted
 * @param statements  how many statements were read
 */
public record LintReport(List<Violation> violations, List<Violation> warnings, List<NotAnalysed> notAnalysed,
        int files, int statements) {

    /** Freezes the lists. */
    public LintReport {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
        notAnalysed = List.copyOf(notAnalysed);
    }

    /**
     * Whether no rule was broken.
     *
     * @return true without violations (warnings do not count)
     */
    public boolean isClean() {
        return violations.isEmpty();
    }

    /**
     * The violations of one rule.
     *
     * @param ruleId for example {@code LDB001}
     * @return those violations, in report order
     */
    public List<Violation> violationsOf(String ruleId) {
        return violations.stream().filter(v -> v.ruleId().equals(ruleId)).toList();
    }

    /**
     * A one-line summary: {@code 8 files, 27 statements (9 not analysed): 2 violations}.
     *
     * @return the summary
     */
    public String summary() {
        return files + (files == 1 ? " file, " : " files, ") + statements
                + (statements == 1 ? " statement" : " statements") + " (" + notAnalysed.size() + " not analysed): "
                + (violations.isEmpty() ? "no violations"
                        : violations.size() + (violations.size() == 1 ? " violation" : " violations"))
                + (warnings.isEmpty() ? ""
                        : ", " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"));
    }
}
