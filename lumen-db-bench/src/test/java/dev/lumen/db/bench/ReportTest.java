package dev.lumen.db.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void whenRatiosAreComparedWithGoalsThenBoundariesCount() {
        assertThat(Goal.atMost(1.10).met(1.10)).isTrue();
        assertThat(Goal.atMost(1.10).met(1.1001)).isFalse();
        assertThat(Goal.atLeast(0.9).met(0.9)).isTrue();
        assertThat(Goal.atLeast(10).met(9.99)).isFalse();
        assertThat(Goal.within(0.05).met(0.951)).isTrue();
        assertThat(Goal.within(0.05).met(1.06)).isFalse();
        assertThat(Goal.atMost(1.10).met(Double.NaN)).isFalse();
    }

    @Test
    void whenBudgetSharesAreComputedThenOneIsExactlyOnTheGoal() {
        assertThat(Goal.atMost(1.10).budgetShare(1.65)).isCloseTo(1.5, within(1e-9));
        assertThat(Goal.atLeast(0.9).budgetShare(1.8)).isCloseTo(0.5, within(1e-9));
        assertThat(Goal.within(0.05).budgetShare(1.10)).isCloseTo(2.0, within(1e-9));
        assertThat(Goal.reported().budgetShare(3)).isNaN();
    }

    @Test
    void whenMediansAreTakenThenOddAndEvenCountsWork() {
        assertThat(Paired.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Paired.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Paired.median(new double[0])).isNaN();
    }

    @Test
    void whenThePairedHarnessTimesTwoBodiesThenTheSlowerOneHasTheLargerRatio() {
        Paired.Result result = Paired.run(() -> spin(20_000), () -> spin(2_000), 2, 11, 20);
        assertThat(result.ratio()).isGreaterThan(2);
        assertThat(result.medianA()).isGreaterThan(result.medianB());
        assertThat(result.rounds()).isEqualTo(11);
    }

    private static long spin(int n) {
        long x = 0;
        for (int i = 0; i < n; i++) {
            x += Long.rotateLeft(x ^ i, 7);
        }
        return x;
    }

    @Test
    void whenTheReportIsWrittenThenJsonMarkdownAndChartHoldEveryScenario(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(Report.HISTORY), "### Before\n\nPK lookup 2.43\n");
        List<ScenarioResult> rows = List.of(
                ScenarioResult.of("pk_lookup", "Primary-key lookup", 120.0, 60.0, "us/op", "JDBC", 2.1, 2.0, 2.0,
                        "paired", "", Goal.atMost(1.10), "note one"),
                ScenarioResult.of("bulk_vs_copy", "Bulk vs COPY", 300_000.0, 310_000.0, "rows/s", "COPY", null, 0.97,
                        0.97, "paired", "x", Goal.atLeast(0.9), "note two"),
                ScenarioResult.of("pgbench", "Fraction of pgbench", null, null, "ops/s", "pgbench", null, null, null,
                        "measured", "", Goal.reported(), "pgbench not installed."));
        Report report = new Report("quick", "./benchmark quick", Map.of("Cores", "2"), rows, List.of("method"));

        report.write(folder);

        String json = Files.readString(folder.resolve(Report.JSON));
        assertThat(json).contains("\"id\" : \"pk_lookup\"", "\"verdict\" : \"missed\"", "\"verdict\" : \"met\"",
                "\"verdict\" : \"not measured\"", "\"text\" : \"<= 1.10\"");
        String md = Files.readString(folder.resolve(Report.MARKDOWN));
        assertThat(md).contains("| 1 | Primary-key lookup | 120 | 60.0 (JDBC) | us/op | 2.10 | 2.00 | <= 1.10 | **missed**",
                "| 2 | Bulk vs COPY |", "**met**", "1 of 2 goals met", "## Before / after", "PK lookup 2.43",
                "pgbench not installed.", "![Ratios against goals](benchmarks.png)");
        var image = ImageIO.read(folder.resolve(Report.CHART).toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isGreaterThan(3 * 30);
    }

    @Test
    void whenNumbersAreFormattedThenThreeSignificantDigitsShow() {
        assertThat(Report.number(1.1)).isEqualTo("1.10");
        assertThat(Report.number(0.1234)).isEqualTo("0.123");
        assertThat(Report.number(12.345)).isEqualTo("12.3");
        assertThat(Report.number(123_456)).isEqualTo("123,456");
        assertThat(Report.number(Double.NaN)).isEqualTo("—");
    }
}
