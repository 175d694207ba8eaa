package dev.lumen.db.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

class JsonConverterTest {

    record Settings(String theme, int level, List<String> tags) {
    }

    @Test
    void whenARecordRoundTripsThenTheStoredTextIsJsonAndReadsBackEqual() {
        JsonConverter<JSONB, Settings> converter = new JsonConverter<>(JSONB.class, Settings.class);
        Settings settings = new Settings("dark \"x\"", 3, List.of("a", "b"));

        JSONB stored = converter.to(settings);

        assertThat(stored.data()).isEqualTo("{\"theme\":\"dark \\\"x\\\"\",\"level\":3,\"tags\":[\"a\",\"b\"]}");
        assertThat(converter.from(stored)).isEqualTo(settings);
        assertThat(converter.from(JSONB.valueOf("{\"level\": 3, \"tags\": [], \"theme\": \"light\"}")))
                .isEqualTo(new Settings("light", 3, List.of()));
        assertThat(converter.to(null)).isNull();
        assertThat(converter.from(null)).isNull();
        assertThat(converter.fromType()).isEqualTo(JSONB.class);
        assertThat(converter.toType()).isEqualTo(Settings.class);
    }

    @Test
    void whenTheColumnIsJsonOrTextThenTheSameDocumentIsWritten() {
        assertThat(JsonConverter.json(Settings.class).to(new Settings("t", 1, List.of())))
                .isEqualTo(JSON.valueOf("{\"theme\":\"t\",\"level\":1,\"tags\":[]}"));
        assertThat(new JsonConverter<>(String.class, Settings.class).to(new Settings("t", 1, List.of())))
                .isEqualTo("{\"theme\":\"t\",\"level\":1,\"tags\":[]}");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new JsonConverter<>(Integer.class, Settings.class))
                .withMessage("JsonConverter converts jsonb, json or text columns, not java.lang.Integer");
    }

    @Test
    void whenAnObjectMapIsReadThenKeyOrderAndNestingSurvive() {
        JsonConverter<JSONB, Map<String, Object>> converter = JsonConverter.jsonbObject();

        Map<String, Object> read = converter.from(JSONB.valueOf("{\"b\": 1, \"a\": {\"x\": [true, null]}}"));

        assertThat(read).containsExactly(Map.entry("b", 1), Map.entry("a", Map.of("x", java.util.Arrays.asList(true, null))));
        assertThat(converter.to(read).data()).isEqualTo("{\"b\":1,\"a\":{\"x\":[true,null]}}");
    }

    @Test
    void whenTheTextHoldsNulOrAnUnpairedSurrogateThenItIsRefusedBeforeTheDatabaseSeesIt() {
        JsonConverter<JSONB, Map<String, Object>> converter = JsonConverter.jsonbObject();

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("k", "nul\u0000"), Map.of("k\uD800", 1),
                Map.of("k", List.of("x\uDC00")))) {
            assertThatExceptionOfType(JsonConversionException.class).isThrownBy(() -> converter.to(bad))
                    .withMessageStartingWith("A java.util.Map<java.lang.String,java.lang.Object> written as JSON");
        }
        // A backslash followed by the text "u0000" is not a NUL.
        assertThat(converter.to(Map.of("k", "\\u0000")).data()).isEqualTo("{\"k\":\"\\\\u0000\"}");
        // json (not jsonb) keeps NUL escapes.
        assertThat(new JsonConverter<>(JSON.class, Map.class).to(Map.of("k", "\u0000")).data())
                .isEqualTo("{\"k\":\"\\u0000\"}");
    }

    @Test
    void whenAStoredDocumentDoesNotFitTheTypeThenTheMessageNamesTheTypeButNotTheDocument() {
        JsonConverter<JSONB, Settings> converter = JsonConverter.jsonb(Settings.class);

        assertThatExceptionOfType(JsonConversionException.class)
                .isThrownBy(() -> converter.from(JSONB.valueOf("{\"secret-canary\": 1}")))
                .withMessage("A stored JSON document does not fit " + Settings.class.getName() + " (line 1, column 21)");
    }
}
