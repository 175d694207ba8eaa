package dev.lumen.db.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

/** COPY's text format, byte for byte as {@code String.getBytes(UTF_8)} plus COPY's escapes would give it. */
class CopyTextTest {

    @Test
    void whenValuesHaveSeparatorsBackslashesAndAnyUnicodeThenTheyAreEscapedAndUtf8Encoded() throws Exception {
        CopyInserter.CopyText text = new CopyInserter.CopyText(null);
        String tricky = "a\tb\nc\rd\\e é € 😀 \u200B\u202E";

        text.value(tricky);
        text.separator('\t');
        text.value(null);
        text.separator('\t');
        text.value(true);
        text.separator('\t');
        text.value(JSONB.valueOf("{\"k\": \"v\\n\"}"));
        text.separator('\t');
        text.value(OffsetDateTime.of(2026, 11, 27, 8, 0, 0, 0, ZoneOffset.UTC));
        text.separator('\n');

        assertThat(text.pending()).isEqualTo(
                "a\\tb\\nc\\rd\\\\e é € 😀 \u200B\u202E\t\\N\tt\t{\"k\": \"v\\\\n\"}\t2026-11-27 08:00:00+00\n");
    }

    @Test
    void whenAStringIsHugeThenItEncodesLikeTheJdkAndIsNotSplit() throws Exception {
        CopyInserter.CopyText text = new CopyInserter.CopyText(null);
        String pair = "x\uD83D\uDE00y";
        String huge = "ü".repeat(100_000);

        text.value(pair);
        text.value(huge);

        assertThat(text.pending().getBytes(StandardCharsets.UTF_8))
                .isEqualTo((pair + huge).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whenAStringHasALoneSurrogateOrNulThenItIsRefusedRatherThanWrittenAsAQuestionMark() {
        for (String bad : new String[] {"x\uD800y", "\uDC00", "end\uD83D", "nul\u0000"}) {
            CopyInserter.CopyText text = new CopyInserter.CopyText(null);
            assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> text.value(bad))
                    .withMessageStartingWith("Text for insertAll");
        }
    }
}
