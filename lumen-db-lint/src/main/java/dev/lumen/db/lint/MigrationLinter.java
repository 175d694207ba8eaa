package dev.lumen.db.lint;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lints lumen-db migrations: every statement is parsed with jOOQ's parser and judged by the {@link Rule}s.
 *
 * <pre>{@code
 * LintReport report = MigrationLinter.create().lint(Path.of("migrations"));
 * report.violations().forEach(v -> System.err.println(v.format()));
 * }</pre>
 *
 * <p>A linter is immutable and may be shared.
 */
public final class MigrationLinter {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Comparator<Violation> REPORT_ORDER = Comparator.comparing(Violation::file)
            .thenComparingInt(Violation::line)
            .thenComparing(Violation::ruleId);

    private final Set<Rule> enabled;

    private MigrationLinter(Set<Rule> enabled) {
        this.enabled = Set.copyOf(enabled);
    }

    /**
     * A linter with every rule switched on.
     *
     * @return the linter
     */
    public static MigrationLinter create() {
        return new MigrationLinter(EnumSet.allOf(Rule.class));
    }

    /**
     * A copy of this linter with some rules switched off for every file, for example {@code LDB006} when
     * migrations only ever run through lumen-db's migrator, which sets {@code lock_timeout} itself.
     *
     * @param ruleIds rule ids such as {@code LDB006}
     * @return the copy
     * @throws IllegalArgumentException for an unknown id, or {@code LDB000}, which cannot be switched off
     */
    public MigrationLinter withDisabledRules(Collection<String> ruleIds) {
        Set<Rule> remaining = EnumSet.copyOf(enabled);
        for (String id : ruleIds) {
            Rule rule = Rule.byId(id).orElseThrow(() -> new IllegalArgumentException("Unknown lint rule '" + id
                    + "': use one of " + Stream.of(Rule.values()).map(Rule::id).collect(Collectors.joining(", "))
                    + "."));
            if (!rule.suppressible()) {
                throw new IllegalArgumentException(rule.id() + " cannot be switched off.");
            }
            remaining.remove(rule);
        }
        return new MigrationLinter(remaining);
    }

    /**
     * The rules this linter applies.
     *
     * @return the switched-on rules
     */
    public Set<Rule> rules() {
        return enabled.isEmpty() ? Set.of() : EnumSet.copyOf(enabled);
    }

    /**
     * Lints every {@code .sql} file in a migrations folder and its subfolders, and checks that each
     * {@code V<version>__<name>.sql} has its {@code U<version>__<name>.sql} undo script.
     *
     * @param migrationsDir the folder
     * @return the report
     * @throws LintException when the folder is missing or a file cannot be read
     */
    public LintReport lint(Path migrationsDir) {
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        if (!Files.isDirectory(migrationsDir)) {
            throw new LintException("Migrations folder not found: " + migrationsDir.toAbsolutePath()
                    + ". Point the linter at the folder that holds the V<version>__<name>.sql files.");
        }
        List<Path> files = sqlFiles(migrationsDir);
        Set<String> names = files.stream().map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        FileLinter linter = new FileLinter(enabled);
        Accumulator report = new Accumulator();
        for (Path file : files) {
            String name = file.getFileName().toString();
            MigrationKind kind = MigrationKind.of(name);
            List<Finding> fileFindings = new ArrayList<>();
            if (kind == MigrationKind.VERSIONED && enabled.contains(Rule.LDB009)
                    && !names.contains(MigrationKind.undoScriptName(name))) {
                fileFindings.add(new Finding(Rule.LDB009, 1, Finding.FILE, "no undo script "
                        + MigrationKind.undoScriptName(name) + " beside this migration"));
            }
            report.add(linter.lint(file, read(file), kind, fileFindings));
        }
        return report.build();
    }

    /**
     * Lints one script. The undo script check ({@link Rule#LDB009}) needs a folder and is not made; the file
     * name decides which other rules apply (undo scripts are named {@code U<version>__<name>.sql}).
     *
     * @param fileName the script's name, as reports show it
     * @param sql      the script
     * @return the report
     */
    public LintReport lintScript(String fileName, String sql) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
        Path file = Path.of(fileName);
        MigrationKind kind = MigrationKind.of(file.getFileName().toString());
        Accumulator report = new Accumulator();
        report.add(new FileLinter(enabled).lint(file, withoutByteOrderMark(sql), kind, List.of()));
        return report.build();
    }

    private static List<Path> sqlFiles(Path folder) {
        try (Stream<Path> stream = Files.walk(folder)) {
            return stream.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LintException("Cannot list the migrations in " + folder.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String read(Path file) {
        try {
            return withoutByteOrderMark(Files.readString(file, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw new LintException("Cannot read " + file.toAbsolutePath() + ": it is not UTF-8 text.", e);
        } catch (IOException e) {
            throw new LintException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** Collects per-file results into one report. */
    private static final class Accumulator {
        private final List<Violation> violations = new ArrayList<>();
        private final List<Violation> warnings = new ArrayList<>();
        private final List<NotAnalysed> notAnalysed = new ArrayList<>();
        private int files;
        private int statements;

        void add(FileLinter.Result result) {
            violations.addAll(result.violations());
            warnings.addAll(result.warnings());
            notAnalysed.addAll(result.notAnalysed());
            files++;
            statements += result.statements();
        }

        LintReport build() {
            violations.sort(REPORT_ORDER);
            warnings.sort(REPORT_ORDER);
            return new LintReport(violations, warnings, notAnalysed, files, statements);
        }
    }
}
