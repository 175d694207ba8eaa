package dev.lumen.db.repository.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * src/docs/adding-a-table.md shows every file of the walk-through verbatim (the files are this package and
 * fixtures/guide, compiled and run by this module's build), and its line counts, its summary table and the
 * README's figure are those of the files. Changing a file without the page, or the page without the file, fails.
 */
class AddingATableGuideTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FILE = Pattern.compile(
            "\\*\\*`(?<path>[^`]+)`\\*\\* \\((?<lines>\\d+) lines?, (?<code>\\d+) of code\\)\\n\\n```[a-z]*\\n(?<body>.*?)```\\n",
            Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(?<name>[^`]+)` \\| (?<lines>\\d+) \\| (?<code>\\d+) \\|$");
    private static final Pattern TOTAL = Pattern.compile("\\| \\*\\*In all\\*\\* \\| \\*\\*(\\d+)\\*\\* \\| \\*\\*(\\d+)\\*\\* \\|");
    private static final List<String> REPOSITORY_FILES = List.of("OrderRepository.java", "OrderFilter.java",
            "OrderSort.java");

    /** Lines and lines of code (not blank, not a comment or Javadoc, not package or import). */
    record Count(int lines, int code) {
        static Count of(String text) {
            List<String> lines = text.lines().toList();
            int code = (int) lines.stream().map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .filter(line -> !(line.startsWith("//") || line.startsWith("/*") || line.startsWith("*")
                            || line.startsWith("--") || line.startsWith("import ") || line.startsWith("package ")))
                    .count();
            return new Count(lines.size(), code);
        }
    }

    @Test
    void whenTheGuideShowsAFileThenItIsTheFileWithItsTrueLineCount() throws IOException {
        String guide = Files.readString(CHECKOUT.resolve("src/docs/adding-a-table.md"));
        Matcher file = FILE.matcher(guide);
        int shown = 0;
        int lines = 0;
        int code = 0;
        int repositoryLines = 0;
        int repositoryCode = 0;
        while (file.find()) {
            shown++;
            String path = file.group("path");
            String content = Files.readString(CHECKOUT.resolve(path));
            Count count = Count.of(content);
            assertThat(file.group("body")).as("%s as shown in the guide", path).isEqualTo(content);
            assertThat(new Count(Integer.parseInt(file.group("lines")), Integer.parseInt(file.group("code"))))
                    .as("line counts of %s", path).isEqualTo(count);
            String name = Path.of(path).getFileName().toString();
            Matcher row = ROW.matcher(guide);
            boolean listed = false;
            while (row.find()) {
                if (row.group("name").equals(name)) {
                    listed = true;
                    assertThat(new Count(Integer.parseInt(row.group("lines")), Integer.parseInt(row.group("code"))))
                            .as("summary row of %s", name).isEqualTo(count);
                }
            }
            assertThat(listed).as("%s in the summary table", name).isTrue();
            lines += count.lines();
            code += count.code();
            if (REPOSITORY_FILES.contains(name)) {
                repositoryLines += count.lines();
                repositoryCode += count.code();
            }
        }
        assertThat(shown).as("files shown: migration pair, sort, filter, repository, test").isEqualTo(6);
        Matcher total = TOTAL.matcher(guide);
        assertThat(total.find()).as("the summary's total row").isTrue();
        assertThat(new Count(Integer.parseInt(total.group(1)), Integer.parseInt(total.group(2))))
                .isEqualTo(new Count(lines, code));
        String figure = repositoryLines + " lines, " + repositoryCode + " of them code";
        assertThat(guide).contains("together are " + figure);
        assertThat(Files.readString(CHECKOUT.resolve("README.md"))).as("the README's figure").contains(figure);
    }
}
