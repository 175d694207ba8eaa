package dev.lumen.db.runtime;

/** What PostgreSQL would refuse or silently change in a JSON document's text. */
final class JsonTexts {

    private JsonTexts() {
    }

    /**
     * Refuses an unpaired surrogate (the driver would send {@code ?} in its place) and, for {@code jsonb}, the escape
     * {@code \u0000} (jsonb cannot hold NUL; PostgreSQL refuses the whole document).
     *
     * @param text     the document
     * @param jsonb    whether it goes to a {@code jsonb} column
     * @param typeName the Java type, for the message
     * @throws JsonConversionException when the text cannot be stored as it is
     */
    static void check(String text, boolean jsonb, String typeName) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                if (jsonb && text.startsWith("u0000", i + 1)) {
                    throw new JsonConversionException("A " + typeName + " written as JSON contains a NUL character,"
                            + " which jsonb cannot store");
                }
                i++; // the escaped character is never the start of another escape
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw unpaired(typeName);
                }
            } else if (Character.isLowSurrogate(c)) {
                throw unpaired(typeName);
            }
        }
    }

    private static JsonConversionException unpaired(String typeName) {
        return new JsonConversionException("A " + typeName
                + " written as JSON is not valid Unicode (an unpaired surrogate)");
    }
}
