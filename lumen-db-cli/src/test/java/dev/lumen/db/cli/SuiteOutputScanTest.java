package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lumen.db.test.Canaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scans everything the test suite printed so far (every module's surefire reports: console output, logs,
 * exception messages and stack traces of the run) for the canaries the tests feed in as passwords and personal
 * data. The command module is built last, so in {@code ./mvnw verify} this sees the whole suite.
 */
class SuiteOutputScanTest {

    @Test
    void whenTheSuiteHasRunThenNoCanaryAppearsInAnyOutputItProduced() throws IOException {
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("lumen-db-")).toList()) {
                Path folder = module.resolve("target/surefire-reports");
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".xml"))
                                .forEach(reports::add);
                    }
                }
            }
        }
        assumeTrue(reports.size() > 10, "fewer than 10 test reports found: run the whole build (./mvnw verify)");

        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        for (Path report : reports) {
            String text = Files.readString(report, StandardCharsets.UTF_8);
            bytes += text.length();
            if (text.contains(Canaries.PREFIX)) {
                leaks.add(report.toString());
            }
        }
        System.out.println("[reliability] canary scan: " + reports.size() + " report files, " + bytes / 1024
                + " KiB of test output, " + leaks.size() + " with a canary");
        assertThat(leaks).isEmpty();
    }
}
