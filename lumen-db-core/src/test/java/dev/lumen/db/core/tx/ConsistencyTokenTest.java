package dev.lumen.db.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.db.core.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A consistency token comes back from clients (cookies, headers, job payloads): hostile text gets a typed error. */
class ConsistencyTokenTest {

    @Test
    void whenWrittenThenItReadsBackAndToleratesSurroundingWhitespace() {
        ConsistencyToken token = new ConsistencyToken(0x16B3A28L);

        assertThat(token.asString()).isEqualTo("ct1.00000000016b3a28");
        assertThat(ConsistencyToken.parse(token.asString())).isEqualTo(token);
        assertThat(ConsistencyToken.parse("  " + token.asString() + "\n")).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ct1.", "ct1.00000000016B3A28", "ct1.00000000016b3a2", "ct2.00000000016b3a28",
        "ct1.00000000016b3a28\u0000", "ct1.00000000016b3a2\uD800", "ct1.ffffffffffffffff", "ct1.' OR 1=1 --"})
    void whenTheTextIsNotATokenThenTheErrorIsTypedAndNeverQuotesIt(String text) {
        assertThatThrownBy(() -> ConsistencyToken.parse(text)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("OR 1=1", "ffff"));
    }

    @Test
    void whenTheTextIs100KilobytesThenItIsRefusedWithoutBeingQuoted() {
        String huge = "ct1." + "0".repeat(100 * 1024);

        assertThatThrownBy(() -> ConsistencyToken.parse(huge)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("20 characters").hasMessageNotContaining("0000000000");
    }
}
