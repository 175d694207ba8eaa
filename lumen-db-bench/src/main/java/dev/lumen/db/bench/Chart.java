package dev.lumen.db.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The report's chart, drawn with java.awt (no charting library): one horizontal bar per scenario showing the
 * share of its goal's budget the measurement uses (ratio / goal for "at most" goals, goal / ratio for "at least"
 * goals, distance from 1 / allowed distance for "within" goals), so every scenario shares one axis and one goal
 * line at 1.0. Green bars meet their goal, red bars miss it; each bar is labelled with the measured value and
 * the goal in their own units.
 */
final class Chart {

    private static final int WIDTH = 1200;
    private static final int ROW = 34;
    private static final int TOP = 70;
    private static final int LEFT = 420;
    private static final int RIGHT = 300;
    private static final double AXIS_MAX = 2.0;
    private static final Color MET = new Color(0x2e, 0x9e, 0x4f);
    private static final Color MISSED = new Color(0xd6, 0x3b, 0x3b);
    private static final Color REPORTED = new Color(0x9a, 0x9a, 0x9a);

    private Chart() {
    }

    static void write(Report report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<ScenarioResult> rows = report.scenarios();
        int height = TOP + rows.size() * ROW + 60;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("lumen-db vs baseline: share of each goal used (bar left of the line = goal met)", 20, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("mode " + report.mode() + ", judged on the paired harness where it ran; "
                + report.environment().getOrDefault("Date", ""), 20, 52);
        int plotWidth = WIDTH - LEFT - RIGHT;
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font value = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        for (int i = 0; i < rows.size(); i++) {
            ScenarioResult row = rows.get(i);
            int y = TOP + i * ROW;
            if (i % 2 == 0) {
                g.setColor(new Color(0xf4, 0xf4, 0xf4));
                g.fillRect(0, y, WIDTH, ROW);
            }
            g.setColor(Color.BLACK);
            g.setFont(label);
            FontMetrics metrics = g.getFontMetrics();
            String title = shorten(row.title(), metrics, LEFT - 30);
            g.drawString(title, LEFT - 10 - metrics.stringWidth(title), y + ROW / 2 + 5);
            double share = row.judged() == null ? Double.NaN : row.goal().budgetShare(row.judged());
            Color color = row.met() == null || row.goal().kind() == Goal.Kind.REPORTED ? REPORTED
                    : row.met() ? MET : MISSED;
            int barLength;
            if (Double.isNaN(share)) {
                barLength = 0;
            } else {
                barLength = (int) Math.round(Math.min(share, AXIS_MAX) / AXIS_MAX * plotWidth);
                barLength = Math.max(barLength, 2);
            }
            g.setColor(color);
            g.fillRect(LEFT, y + 7, barLength, ROW - 14);
            if (share > AXIS_MAX) {
                g.setColor(Color.WHITE);
                g.drawString(">>", LEFT + plotWidth - 20, y + ROW / 2 + 5);
            }
            g.setColor(Color.BLACK);
            g.setFont(value);
            String text = row.judged() == null ? "not measured"
                    : Report.number(row.judged()) + (row.ratioUnit().isEmpty() ? "" : " " + row.ratioUnit())
                    + "  (goal " + row.goal().describe(row.ratioUnit()) + ")  " + row.verdict();
            g.drawString(text, LEFT + plotWidth + 10, y + ROW / 2 + 5);
        }
        int bottom = TOP + rows.size() * ROW;
        g.setColor(Color.DARK_GRAY);
        g.drawLine(LEFT, TOP, LEFT, bottom);
        g.drawLine(LEFT, bottom, LEFT + plotWidth, bottom);
        g.setFont(value);
        for (double tick = 0; tick <= AXIS_MAX + 1e-9; tick += 0.5) {
            int x = LEFT + (int) Math.round(tick / AXIS_MAX * plotWidth);
            g.drawLine(x, bottom, x, bottom + 5);
            String text = tick == AXIS_MAX ? ">= 2" : String.format(java.util.Locale.ROOT, "%.1f", tick);
            g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, bottom + 20);
        }
        int goalX = LEFT + plotWidth / 2;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        g.drawLine(goalX, TOP - 5, goalX, bottom);
        g.setStroke(new BasicStroke(1f));
        g.drawString("goal", goalX - 12, TOP - 8);
        g.drawString("share of the goal's budget (measured / goal; for \">=\" goals goal / measured)", LEFT, bottom + 42);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String shorten(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 4 && metrics.stringWidth(cut + "...") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
