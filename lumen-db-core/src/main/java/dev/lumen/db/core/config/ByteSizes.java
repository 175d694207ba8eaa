package dev.lumen.db.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Sizes in configuration: a whole number of bytes, optionally with kB, MB or GB (powers of 1024, as PostgreSQL). */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kKmMgG][bB])?");

    private ByteSizes() {
    }

    /**
     * Parses a size.
     *
     * @param text for example {@code 16MB}, {@code 512kB} or {@code 1048576}
     * @return the bytes, or {@code null} when the text is not a size
     */
    static @Nullable Long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "kb" -> number << 10;
            case "mb" -> number << 20;
            case "gb" -> number << 30;
            default -> number;
        };
    }
}
