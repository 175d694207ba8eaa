package dev.lumen.db.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://app:s3cret@db:5432/lumen | jdbc:postgresql://app:****@db:5432/lumen",
        "jdbc:postgresql://db/lumen?user=app&password=s3cret&ssl=true | jdbc:postgresql://db/lumen?user=app&password=****&ssl=true",
        "jdbc:postgresql://db/lumen?PASSWORD=s3cret | jdbc:postgresql://db/lumen?PASSWORD=****",
        "jdbc:postgresql://db/lumen | jdbc:postgresql://db/lumen"
    })
    void whenAUrlCarriesAPasswordThenItIsMasked(String url, String masked) {
        assertThat(JdbcUrls.mask(url)).isEqualTo(masked).doesNotContain("s3cret");
    }
}
