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
        "Cannot use jdbc:postgresql://db/x?password=s3cret&ssl=true | Cannot use jdbc:postgresql://db/x?password=****&ssl=true",
        "password=s3cret; sslpassword: s3cret | password=****; sslpassword: ****"
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
                .withMessageContaining("the host list is not host[:port]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // raw '/', '?' and a second '@' in the password (RFC 3986 wants them encoded; people paste them anyway)
        "postgres://postgres:CnryPw42/x@127.0.0.1:5432/postgres | postgres | CnryPw42/x | 127.0.0.1:5432/postgres",
        "postgres://postgres:CnryPw42?x@127.0.0.1:5432/postgres | postgres | CnryPw42?x | 127.0.0.1:5432/postgres",
        "postgres://postgres:Cnry@Pw42@127.0.0.1:5432/postgres | postgres | Cnry@Pw42 | 127.0.0.1:5432/postgres",
        "jdbc:postgresql://app:CnryPw42/x?y@db/lumen?ssl=true | app | CnryPw42/x?y | db/lumen",
        "jdbc:postgresql://db/lumen?user=admin@server&password=CnryPw42 | admin@server | CnryPw42 | db/lumen"
    })
    void whenThePasswordHoldsRawDelimitersThenItIsStillLiftedOut(String raw, String user, String password,
            String server) {
        PostgresUrl url = PostgresUrl.parse(raw);

        assertThat(url.user()).isEqualTo(user);
        assertThat(url.password().reveal()).isEqualTo(password);
        assertThat(url.server()).isEqualTo(server);
        assertThat(url.jdbcUrl()).doesNotContain("CnryPw42");
        assertThat(url.toString()).doesNotContain("CnryPw42");
        assertThat(PostgresUrl.mask("failed: " + raw + " refused")).doesNotContain("CnryPw42").startsWith("failed: ");
    }

    @Test
    void whenTheUrlHasSecretParametersThenTheyAreLiftedOutAndMasked() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/lumen?sslmode=verify-full&sslpassword=CnryPw42"
                + "&sslfactoryarg=CnryKey7");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/lumen?sslmode=verify-full");
        assertThat(url.secretParameters()).containsOnlyKeys("sslpassword", "sslfactoryarg");
        assertThat(url.secretParameters().get("sslpassword").reveal()).isEqualTo("CnryPw42");
        assertThat(url.toString()).doesNotContain("CnryPw42").doesNotContain("CnryKey7");
        assertThat(PostgresUrl.mask("jdbc:postgresql://db/lumen?sslpassword=CnryPw42&x=1"))
                .isEqualTo("jdbc:postgresql://db/lumen?sslpassword=****&x=1");
    }

    @Test
    void whenAParameterIsUnknownThenTheErrorSuggestsTheRightOneWithoutQuotingTheUrl() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db/lumen?sslmdoe=require"))
                .withMessage("lumen.db.url is not a PostgreSQL URL: URL parameter number 1 is not a pgjdbc connection"
                        + " property (did you mean sslmode?); a '&' inside a value must be percent-encoded (%26)");
        // A raw '&' in a password parameter leaves a fragment of it as a "parameter": never quoted.
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db/lumen?password=Cnry&Pw42x"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Pw42").contains("number 2"));
        assertThat(PostgresUrl.parse("postgres://db/lumen?application_name=svc&connect_timeout=3").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db/lumen?ApplicationName=svc&connectTimeout=3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres://u:CnryPw42@db:0/lumen",
        "postgres://u:Cnry?a=b@Pw42@db host/lumen",
        "jdbc:postgresql://u:CnryPw42@db:99999/lumen",
        "jdbc:postgresql://u:CnryPw42@/lumen/x/y"
    })
    void whenAUrlCannotBeParsedThenNoPartOfItIsQuoted(String raw) {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> PostgresUrl.parse(raw))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("CnryPw42").doesNotContain("Cnry")
                        .startsWith("lumen.db.url is not a PostgreSQL URL"));
        assertThat(PostgresUrl.mask("cannot use " + raw)).doesNotContain("CnryPw42");
    }
}
