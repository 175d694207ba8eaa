package dev.lumen.db.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/lumen | jdbc:postgresql://db:5432/lumen | db:5432/lumen | | ",
        "postgres://app:p%40ss@db:5432/lumen?sslmode=verify-full | jdbc:postgresql://db:5432/lumen?sslmode=verify-full | db:5432/lumen | app | p@ss",
        "postgresql://app@db/lumen | jdbc:postgresql://db/lumen | db/lumen | app | ",
        "jdbc:postgresql://db/lumen?user=app&password=pw&ssl=true | jdbc:postgresql://db/lumen?ssl=true | db/lumen | app | pw",
        "jdbc:postgresql://a:5432,b:5433/lumen?targetServerType=primary | jdbc:postgresql://a:5432,b:5433/lumen?targetServerType=primary | a:5432,b:5433/lumen | | ",
        "jdbc:postgresql://[::1]:5432/lumen | jdbc:postgresql://[::1]:5432/lumen | [::1]:5432/lumen | | "
    })
    void whenAUrlIsParsedThenCredentialsAreLiftedOut(String raw, String jdbc, String server, String user,
            String password) {
        PostgresUrl url = PostgresUrl.parse(raw);

        assertThat(url.jdbcUrl()).isEqualTo(jdbc);
        assertThat(url.server()).isEqualTo(server);
        assertThat(url.user()).isEqualTo(user);
        assertThat(url.password().reveal()).isEqualTo(password == null ? "" : password);
        assertThat(url.toString()).doesNotContain("p@ss").doesNotContain("password=pw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://app:s3cret@db:5432/lumen | jdbc:postgresql://app:****@db:5432/lumen",
        "postgres://app:s3cret@db/lumen | postgres://app:****@db/lumen",
        "Cannot use jdbc:postgresql://db/x?password=s3cret&ssl=true | Cannot use jdbc:postgresql://db/x?password=****&ssl=true"
    })
    void whenTextContainsAPasswordThenMaskHidesIt(String text, String masked) {
        assertThat(PostgresUrl.mask(text)).isEqualTo(masked);
    }

    @Test
    void whenTheHostIsMissingOrBrokenThenTheErrorSaysWhy() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> PostgresUrl.parse("jdbc:postgresql:///lumen"))
                .withMessageContaining("the host is missing");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db host/lumen"))
                .withMessageContaining("'db host' is not a host[:port]");
    }
}
