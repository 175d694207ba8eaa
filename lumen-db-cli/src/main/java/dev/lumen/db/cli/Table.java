package dev.lumen.db.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as an aligned plain-text table; the first row is the header. */
final class Table {

    private Table() {
    }

    static void print(List<String[]> rows, PrintWriter out) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                String cell = rows.get(r)[i];
                line.append(cell).append(" ".repeat(widths[i] - cell.length()));
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int i = 0; i < columns; i++) {
                    rule.append("-".repeat(widths[i])).append(i < columns - 1 ? "  " : "");
                }
                out.println(rule);
            }
        }
    }
}
