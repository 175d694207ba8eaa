package dev.lumen.db.bench;

import org.jspecify.annotations.Nullable;

/**
 * One row of the report.
 *
 * @param id            stable key, for example {@code pk_lookup}
 * @param title         what was measured
 * @param lumen         lumen-db's figure (median), or {@code null}
 * @param baseline      the baseline's figure (median), or {@code null}
 * @param unit          unit of {@code lumen} and {@code baseline}, for example {@code us/op}
 * @param baselineLabel what the baseline is (JDBC, COPY, page 1, ...)
 * @param jmhRatio      the ratio from JMH's medians, or {@code null} when JMH did not run this scenario
 * @param pairedRatio   the ratio from the paired harness, or {@code null}
 * @param judged        the value compared with the goal
 * @param judgedOn      where {@code judged} comes from (paired, JMH, measured)
 * @param ratioUnit     unit of the ratio or judged value (empty for a plain ratio)
 * @param goal          the goal
 * @param met           whether {@code judged} meets the goal; {@code null} when not measured
 * @param note          method notes and extra figures
 */
public record ScenarioResult(String id, String title, @Nullable Double lumen, @Nullable Double baseline, String unit,
        String baselineLabel, @Nullable Double jmhRatio, @Nullable Double pairedRatio, @Nullable Double judged,
        String judgedOn, String ratioUnit, Goal goal, @Nullable Boolean met, String note) {

    /**
     * A row judged on {@code judged}.
     *
     * @param id            key
     * @param title         title
     * @param lumen         lumen-db's figure
     * @param baseline      the baseline's figure
     * @param unit          their unit
     * @param baselineLabel the baseline
     * @param jmhRatio      JMH ratio
     * @param pairedRatio   paired ratio
     * @param judged        the judged value
     * @param judgedOn      its source
     * @param ratioUnit     its unit
     * @param goal          the goal
     * @param note          notes
     * @return the row, with {@code met} computed
     */
    public static ScenarioResult of(String id, String title, @Nullable Double lumen, @Nullable Double baseline,
            String unit, String baselineLabel, @Nullable Double jmhRatio, @Nullable Double pairedRatio,
            @Nullable Double judged, String judgedOn, String ratioUnit, Goal goal, String note) {
        Boolean met = judged == null || judged.isNaN() ? null : goal.met(judged);
        return new ScenarioResult(id, title, clean(lumen), clean(baseline), unit, baselineLabel, clean(jmhRatio),
                clean(pairedRatio), clean(judged), judgedOn, ratioUnit, goal, met, note);
    }

    private static @Nullable Double clean(@Nullable Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    /**
     * The verdict as text.
     *
     * @return met, missed, reported or not measured
     */
    public String verdict() {
        if (met == null) {
            return "not measured";
        }
        if (goal.kind() == Goal.Kind.REPORTED) {
            return "reported";
        }
        return met ? "met" : "missed";
    }
}
