package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Checks text from callers before it becomes a bind value. The driver silently turns a lone UTF-16 surrogate into
 * {@code ?}, which would make a search for it match every {@code ?}; such text is refused instead, as is a NUL
 * character, which PostgreSQL cannot store in text.
 */
public final class Texts {

    private Texts() {
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
