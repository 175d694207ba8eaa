package dev.lumen.db.bench;

import java.util.Locale;

/**
 * A scenario's goal: a measured value at most, at least, or within a band around 1 of a threshold, or only
 * reported.
 *
 * @param kind      how the value is compared
 * @param threshold the threshold (for {@link Kind#WITHIN}: the allowed distance from 1)
 */
public record Goal(Kind kind, double threshold) {

    /** How a value meets a goal. */
    public enum Kind {
        /** value <= threshold. */
        AT_MOST,
        /** value >= threshold. */
        AT_LEAST,
        /** |value - 1| <= threshold. */
        WITHIN,
        /** no goal: the value is reported. */
        REPORTED
    }

    /**
     * A value at most {@code threshold}.
     *
     * @param threshold the limit
     * @return the goal
     */
    public static Goal atMost(double threshold) {
        return new Goal(Kind.AT_MOST, threshold);
    }

    /**
     * A value at least {@code threshold}.
     *
     * @param threshold the limit
     * @return the goal
     */
    public static Goal atLeast(double threshold) {
        return new Goal(Kind.AT_LEAST, threshold);
    }

    /**
     * A ratio within {@code distance} of 1.
     *
     * @param distance for example 0.05 for 5 %
     * @return the goal
     */
    public static Goal within(double distance) {
        return new Goal(Kind.WITHIN, distance);
    }

    /**
     * Only reported.
     *
     * @return the goal
     */
    public static Goal reported() {
        return new Goal(Kind.REPORTED, Double.NaN);
    }

    /**
     * Whether a value meets the goal.
     *
     * @param value the measured value
     * @return false for NaN; true for any number when only reported
     */
    public boolean met(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (kind) {
            case AT_MOST -> value <= threshold;
            case AT_LEAST -> value >= threshold;
            case WITHIN -> Math.abs(value - 1) <= threshold;
            case REPORTED -> true;
        };
    }

    /**
     * The share of the goal's budget a value uses: 1 is exactly on the goal, below 1 meets it, above 1 misses.
     * Puts every scenario on one axis in the chart.
     *
     * @param value the measured value
     * @return the share, NaN when only reported or not measured
     */
    public double budgetShare(double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        return switch (kind) {
            case AT_MOST -> value / threshold;
            case AT_LEAST -> value == 0 ? Double.POSITIVE_INFINITY : threshold / value;
            case WITHIN -> Math.abs(value - 1) / threshold;
            case REPORTED -> Double.NaN;
        };
    }

    /**
     * The goal as text, for example {@code <= 1.10}.
     *
     * @param unit suffix after the number (may be empty)
     * @return the text
     */
    public String describe(String unit) {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        return switch (kind) {
            case AT_MOST -> "<= " + Report.number(threshold) + suffix;
            case AT_LEAST -> ">= " + Report.number(threshold) + suffix;
            case WITHIN -> String.format(Locale.ROOT, "1 +/- %.0f%%", threshold * 100);
            case REPORTED -> "reported";
        };
    }
}
