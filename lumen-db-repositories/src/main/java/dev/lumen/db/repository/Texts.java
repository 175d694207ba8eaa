package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Checks text from callers before it becomes a bind value. The driver silently turns a lone UTF-16 surrogate into
 * {@code ?}, which would make a search for it match every {@code ?}; such text is refused instead, as is a NUL
 * character, which PostgreSQL cannot store in text.
 */
public final class Texts {

    /** System property with the longest text a filter accepts, in characters. */
    public static final String MAX_FILTER_TEXT_PROPERTY = "lumen.db.repository.max-filter-text";
    /** Environment variable with the same, read when the system property is not set. */
    public static final String MAX_FILTER_TEXT_VARIABLE = "LUMEN_DB_REPOSITORY_MAX_FILTER_TEXT";
    /** The default longest filter text, in characters. */
    public static final int DEFAULT_MAX_FILTER_TEXT = 256;

    private static final int MAX_FILTER_TEXT = maxFilterTextSetting();
    /** The escape character of {@link #containsPattern} (one that {@code lower()} leaves alone). */
    public static final char LIKE_ESCAPE = '!';

    private Texts() {
    }

    /**
     * The longest text a filter accepts, in characters: {@value #MAX_FILTER_TEXT_PROPERTY} (system property) or
     * {@value #MAX_FILTER_TEXT_VARIABLE} (environment), read once, default {@value #DEFAULT_MAX_FILTER_TEXT}.
     *
     * @return the limit
     */
    public static int maxFilterText() {
        return MAX_FILTER_TEXT;
    }

    /**
     * Returns a filter's text when it is well-formed (see {@link #wellFormed}) and at most {@link #maxFilterText()}
     * characters long: a search pattern costs the server time per row and per character.
     *
     * @param what  what the text is, for the message (never the text itself)
     * @param value the text, or {@code null}
     * @return the same text
     * @throws InvalidInputException when it is too long or not well-formed
     */
    public static @Nullable String filterText(String what, @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FILTER_TEXT) {
            throw new InvalidInputException(what + " is too long: " + value.length() + " characters (at most "
                    + MAX_FILTER_TEXT + ")", null, null);
        }
        return wellFormed(what, value);
    }

    /**
     * The {@code LIKE} pattern that finds {@code text} anywhere, with {@code %}, {@code _} and the escape character
     * {@value #LIKE_ESCAPE} escaped, for {@code LIKE ? ESCAPE '!'}. Escaping here, once, rather than in SQL keeps
     * the server from recomputing the escape for every row it compares.
     *
     * @param text the text, taken literally
     * @return the pattern
     */
    public static String containsPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    /**
     * Checks a value about to be written to a column: text, the elements of a text array and JSON documents must
     * be well-formed Unicode without NUL ({@link #wellFormed}), since the driver would store a lone surrogate as
     * {@code ?} without a word. A value of a column with a converter is checked as the database sees it.
     *
     * @param column the column, named in the message
     * @param value  the value, in the column's Java type
     * @throws InvalidInputException when some text is not well-formed
     */
    @SuppressWarnings("unchecked")
    public static void checkWritten(org.jooq.Field<?> column, @Nullable Object value) {
        if (value == null) {
            return;
        }
        Object stored = value;
        org.jooq.DataType<?> type = column.getDataType();
        if (type.getType() != type.getFromType()) {
            try {
                stored = ((org.jooq.Converter<Object, Object>) type.getConverter()).to(value);
            } catch (org.jooq.exception.DataTypeException e) {
                // lumen-db's JsonConverter refuses documents jsonb cannot hold; any converter may refuse a value
                throw new InvalidInputException("Column " + column.getName() + ": " + e.getMessage(), "22023", null);
            }
        }
        checkStored(column.getName(), stored);
    }

    private static void checkStored(String column, @Nullable Object value) {
        switch (value) {
            case null -> {
            }
            case String text -> wellFormed("Column " + column, text);
            case org.jooq.JSONB json -> wellFormed("Column " + column, json.data());
            case org.jooq.JSON json -> wellFormed("Column " + column, json.data());
            case Object[] array -> {
                for (Object element : array) {
                    checkStored(column, element);
                }
            }
            default -> {
            }
        }
    }

    private static int maxFilterTextSetting() {
        String value = System.getProperty(MAX_FILTER_TEXT_PROPERTY);
        String source = MAX_FILTER_TEXT_PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(MAX_FILTER_TEXT_VARIABLE);
            source = MAX_FILTER_TEXT_VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_FILTER_TEXT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= 1_000_000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, naming the setting
        }
        throw new IllegalStateException(source + " must be a number of characters from 1 to 1000000");
    }

    /**
     * Returns the text when it is well-formed Unicode without NUL characters.
     *
     * @param what  what the text is, for the message (never the text itself)
     * @param value the text
     * @return the same text
     * @throws InvalidInputException when it is not
     */
    public static String wellFormed(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw new InvalidInputException(what + " contains a NUL character", "22021", null);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw malformed(what);
            }
            if (Character.isLowSurrogate(c)) {
                throw malformed(what);
            }
        }
        return value;
    }

    /**
     * Like {@link #wellFormed(String, String)} for optional text.
     *
     * @param what  what the text is
     * @param value the text, or {@code null}
     * @return the same text
     */
    public static @Nullable String wellFormedOrNull(String what, @Nullable String value) {
        return value == null ? null : wellFormed(what, value);
    }

    private static InvalidInputException malformed(String what) {
        return new InvalidInputException(what + " is not valid Unicode (an unpaired surrogate)", "22021", null);
    }
}
