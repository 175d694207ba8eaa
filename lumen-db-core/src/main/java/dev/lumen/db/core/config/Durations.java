package dev.lumen.db.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Durations as people write them in configuration: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code PT5S}, {@code 0}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the text
     * @return the duration, or {@code null} when the text is not one
     */
    public static @Nullable Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = SIMPLE.matcher(value);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            if (value.startsWith("p")) {
                return Duration.parse(text.trim());
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            // Too many digits for a long, or more seconds than a Duration holds: not a usable duration.
            return null;
        }
        return null;
    }

    /**
     * Whether the text has the form of a duration whose number is too large to represent
     * ({@code 99999999999999999999s}), as opposed to a typo.
     *
     * @param text the text
     * @return true for an over-long number with a unit
     */
    public static boolean tooLarge(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return parse(value) == null && (SIMPLE.matcher(value).matches() || value.startsWith("p") && value.matches("[p0-9tdhms.]+"));
    }

    /**
     * Formats a duration the way it is written in configuration.
     *
     * @param duration the duration
     * @return for example {@code 250ms} or {@code 5s}
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0 || millis == 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
