package dev.lumen.db.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path folder;

    private static final Map<String, String> PROD_URL = Map.of("LUMEN_DB_URL", "jdbc:postgresql://db:5432/lumen",
            "LUMEN_DB_USER", "app");

    private static ConfigLoader loader(Map<String, String> environment, Properties properties) {
        return new ConfigLoader(environment, properties);
    }

    @Test
    void whenNothingIsSetThenEachEnvironmentHasItsOwnDefaults() {
        DatabaseConfig dev = loader(Map.of(), new Properties()).load(Environment.DEV);
        DatabaseConfig prod = loader(PROD_URL, new Properties()).load(Environment.PROD);

        assertThat(dev.connection().url()).isEqualTo("jdbc:postgresql://localhost:5432/lumen");
        assertThat(dev.pool().maxSize()).isEqualTo(5);
        assertThat(dev.pool().leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(dev.connection().sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(dev.observability().slowQueryThreshold()).isEqualTo(Duration.ofMillis(100));
        assertThat(prod.pool().maxSize()).isEqualTo(20);
        assertThat(prod.connection().statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(prod.connection().sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(prod.observability().logBindValues()).isFalse();
        assertThat(prod.migrations().locations()).containsExactly("classpath:db/migration");
    }

    @Test
    void whenAKeyIsSetInSeveralPlacesThenOverridesBeatEnvironmentBeatsPropertiesBeatsFileBeatsDefaults()
            throws IOException {
        Path file = folder.resolve("lumen-db.properties");
        Files.writeString(file, """
                lumen.db.pool.max-size=11
                lumen.db.pool.min-idle=1
                lumen.db.slow-query-threshold=700ms
                lumen.db.application-name=from-file
                """);
        Properties properties = new Properties();
        properties.setProperty("lumen.db.config-file", file.toString());
        properties.setProperty("lumen.db.pool.max-size", "12");
        properties.setProperty("lumen.db.slow-query-threshold", "800ms");
        Map<String, String> environment = Map.of("LUMEN_DB_POOL_MAX_SIZE", "13");

        DatabaseConfig config = loader(environment, properties).load(Environment.DEV);
        DatabaseConfig overridden = loader(environment, properties)
                .withOverrides(Map.of("lumen.db.pool.max-size", "14")).load(Environment.DEV);

        assertThat(config.pool().maxSize()).isEqualTo(13);
        assertThat(config.observability().slowQueryThreshold()).isEqualTo(Duration.ofMillis(800));
        assertThat(config.connection().applicationName()).isEqualTo("from-file");
        assertThat(config.connection().tcpKeepAlive()).isTrue();
        assertThat(overridden.pool().maxSize()).isEqualTo(14);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LUMEN_DB_POOL_MAX_SIZE | abc | lumen.db.pool.max-size (from LUMEN_DB_POOL_MAX_SIZE) must be a whole number, got 'abc'",
        "LUMEN_DB_POOL_MAX_SIZE | 0 | lumen.db.pool.max-size (from LUMEN_DB_POOL_MAX_SIZE) must be between 1 and 10000, got 0",
        "LUMEN_DB_POOL_MIN_IDLE | 9 | lumen.db.pool.min-idle (from LUMEN_DB_POOL_MIN_IDLE) (9) must not exceed lumen.db.pool.max-size (5)",
        "LUMEN_DB_POOL_ACQUIRE_TIMEOUT | 5 | lumen.db.pool.acquire-timeout (from LUMEN_DB_POOL_ACQUIRE_TIMEOUT) must be a duration such as 250ms, 5s, 10m or PT5S, got '5'",
        "LUMEN_DB_POOL_ACQUIRE_TIMEOUT | 10ms | lumen.db.pool.acquire-timeout (from LUMEN_DB_POOL_ACQUIRE_TIMEOUT) must be at least 250ms, got 10ms",
        "LUMEN_DB_POOL_MAX_LIFETIME | 5s | lumen.db.pool.max-lifetime (from LUMEN_DB_POOL_MAX_LIFETIME) must be 0 (off) or at least 30s, got 5s",
        "LUMEN_DB_TCP_KEEPALIVE | maybe | lumen.db.tcp-keepalive (from LUMEN_DB_TCP_KEEPALIVE) must be true or false, got 'maybe'",
        "LUMEN_DB_SSL_MODE | strict | lumen.db.ssl.mode (from LUMEN_DB_SSL_MODE) must be one of disable, allow, prefer, require, verify-ca, verify-full; got 'strict'",
        "LUMEN_DB_URL | mysql://db/x | lumen.db.url (from LUMEN_DB_URL) is not a PostgreSQL URL: expected jdbc:postgresql://host:5432/database or postgres://user@host/database",
        "LUMEN_DB_MIGRATIONS_LOCATIONS | db/migration | lumen.db.migrations.locations (from LUMEN_DB_MIGRATIONS_LOCATIONS) entries start with classpath: or filesystem:, got 'db/migration'",
        "LUMEN_DB_SOCKET_TIMEOUT | 99999999999999999999s | lumen.db.socket-timeout (from LUMEN_DB_SOCKET_TIMEOUT) must be a duration of a sensible size (its number overflows), got '99999999999999999999s'",
        "LUMEN_DB_CONNECT_TIMEOUT | 9999999999999999h | lumen.db.connect-timeout (from LUMEN_DB_CONNECT_TIMEOUT) must be a duration of a sensible size (its number overflows), got '9999999999999999h'",
        "LUMEN_DB_STATEMENT_TIMEOUT | 30d | lumen.db.statement-timeout (from LUMEN_DB_STATEMENT_TIMEOUT) must be at most 1d, got 30d",
        "LUMEN_DB_SOCKET_TIMEOUT | 30000d | lumen.db.socket-timeout (from LUMEN_DB_SOCKET_TIMEOUT) must be at most 1d, got 30000d",
        "LUMEN_DB_CONNECT_TIMEOUT | 2h | lumen.db.connect-timeout (from LUMEN_DB_CONNECT_TIMEOUT) must be at most 10m, got 2h",
        "LUMEN_DB_MIGRATIONS_LOCK_TIMEOUT | 25d | lumen.db.migrations.lock-timeout (from LUMEN_DB_MIGRATIONS_LOCK_TIMEOUT) must be at most 1d, got 25d",
        "LUMEN_DB_POOL_MAX_SIZE | 99999999999 | lumen.db.pool.max-size (from LUMEN_DB_POOL_MAX_SIZE) must be a whole number of a sensible size, got '99999999999'",
        "LUMEN_DB_POOL_LEAK_DETECTION | 40m | lumen.db.pool.leak-detection (from LUMEN_DB_POOL_LEAK_DETECTION) (40m) must not exceed lumen.db.pool.max-lifetime (30m)",
        "LUMEN_DB_POOL_IDLE_TIMEOUT | 30m | lumen.db.pool.idle-timeout (from LUMEN_DB_POOL_IDLE_TIMEOUT) (30m) must be at least 1s shorter than lumen.db.pool.max-lifetime (30m)",
        "LUMEN_DB_URL | postgres://u:CnryPw42@db:99999/x | lumen.db.url (from LUMEN_DB_URL) is not a PostgreSQL URL: the host list is not host[:port] (port 1-65535), separated by commas; a user name or password containing / ? @ : # % & or a space must be percent-encoded (%2F %3F %40 %3A %23 %25 %26 %20)"
    })
    void whenAValueIsInvalidThenLoadingFailsWithAMessageNamingTheKey(String variable, String value, String message) {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of(variable, value), new Properties()).load(Environment.DEV))
                .withMessage(message);
    }

    @Test
    void whenTheFileHasABrokenUnicodeEscapeThenTheErrorNamesTheFileAndLineButNotTheValue() throws IOException {
        Path file = folder.resolve("escape.properties");
        Files.writeString(file, "lumen.db.pool.max-size=3\nlumen.db.password=CnryPw42\\uZZ12\n");

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of("LUMEN_DB_CONFIG_FILE", file.toString()), new Properties())
                        .load(Environment.DEV))
                .withMessage("lumen.db.config-file (from LUMEN_DB_CONFIG_FILE) " + file + " has a malformed \\u escape"
                        + " on line 2: write \\uXXXX with four hex digits, or \\\\ for a backslash")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("CnryPw42"));
    }

    @Test
    void whenAValueComesFromTheFileThenItsErrorSaysSo() throws IOException {
        Path file = folder.resolve("range.properties");
        Files.writeString(file, "lumen.db.statement-timeout=30d\n");

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of("LUMEN_DB_CONFIG_FILE", file.toString()), new Properties())
                        .load(Environment.DEV))
                .withMessage("lumen.db.statement-timeout (from the configuration file) must be at most 1d, got 30d");
    }

    @Test
    void whenTheCommandGivesDefaultsThenConfiguredValuesStillWin() {
        ConfigLoader command = loader(Map.of("LUMEN_DB_CONNECT_TIMEOUT", "7s"), new Properties())
                .withDefaults(Map.of("lumen.db.socket-timeout", "5m", "lumen.db.connect-timeout", "3s"));

        DatabaseConfig config = command.load(Environment.DEV);

        assertThat(config.connection().socketTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void whenDevOrTestIsLoadedThenTheStatementTimeoutIsFinite() {
        assertThat(loader(Map.of(), new Properties()).load(Environment.DEV).connection().statementTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(loader(Map.of(), new Properties()).load(Environment.TEST).connection().statementTimeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void whenAConnectionConfigIsBuiltFromAUrlWithCredentialsThenTheyAreLiftedOutAndMasked() {
        ConnectionConfig direct = new ConnectionConfig("jdbc:postgresql://u:CnryPw42@db:5432/lumen?sslpassword=CnryKey9",
                "", Secret.empty(), Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, true, true, "app",
                SslMode.DISABLE, null);

        assertThat(direct.url()).isEqualTo("jdbc:postgresql://db:5432/lumen");
        assertThat(direct.user()).isEqualTo("u");
        assertThat(direct.password().reveal()).isEqualTo("CnryPw42");
        assertThat(direct.secretParameters().get("sslpassword").reveal()).isEqualTo("CnryKey9");
        assertThat(direct.toString()).doesNotContain("CnryPw42").doesNotContain("CnryKey9");
    }

    @Test
    void whenProdWouldLogBindValuesThenItIsRefused() {
        Map<String, String> environment = new java.util.HashMap<>(PROD_URL);
        environment.put("LUMEN_DB_LOG_BIND_VALUES", "true");

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(environment, new Properties()).load(Environment.PROD))
                .withMessage("lumen.db.log-bind-values (from LUMEN_DB_LOG_BIND_VALUES) cannot be true in prod: bind values"
                        + " may hold personal data");
        assertThat(loader(environment, new Properties()).load(Environment.DEV).observability().logBindValues()).isTrue();
    }

    @Test
    void whenProdHasNoUrlThenTheErrorSaysWhichVariableToSet() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of(), new Properties()).load(Environment.PROD))
                .withMessage("lumen.db.url is required in prod (set LUMEN_DB_URL)");
    }

    @Test
    void whenTheFileHasAMisspeltKeyThenTheErrorSuggestsTheRightOne() throws IOException {
        Path file = folder.resolve("typo.properties");
        Files.writeString(file, "lumen.db.pool.max-sise=3\n");

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of("LUMEN_DB_CONFIG_FILE", file.toString()), new Properties())
                        .load(Environment.DEV))
                .withMessage("Unknown configuration key lumen.db.pool.max-sise in " + file
                        + " (did you mean lumen.db.pool.max-size?)");
    }

    @Test
    void whenTheFileIsMissingThenTheErrorNamesIt() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of("LUMEN_DB_CONFIG_FILE", "/nope/lumen.properties"), new Properties())
                        .load(Environment.DEV))
                .withMessage("lumen.db.config-file (from LUMEN_DB_CONFIG_FILE) names a file that cannot be read: /nope/lumen.properties");
    }

    @Test
    void whenThePasswordComesFromAnywhereThenToStringNeverShowsIt() {
        DatabaseConfig fromVariable = loader(Map.of("LUMEN_DB_PASSWORD", dev.lumen.db.test.Canaries.PASSWORD), new Properties())
                .load(Environment.DEV);
        DatabaseConfig fromUrl = loader(Map.of("LUMEN_DB_URL",
                "jdbc:postgresql://app:" + dev.lumen.db.test.Canaries.PASSWORD + "@db:5432/lumen?sslmode=require"), new Properties()).load(Environment.DEV);

        assertThat(fromVariable.connection().password().reveal()).isEqualTo(dev.lumen.db.test.Canaries.PASSWORD);
        assertThat(fromVariable.toString()).doesNotContain(dev.lumen.db.test.Canaries.PASSWORD).contains("password=****");
        assertThat(fromUrl.connection().password().reveal()).isEqualTo(dev.lumen.db.test.Canaries.PASSWORD);
        assertThat(fromUrl.connection().user()).isEqualTo("app");
        assertThat(fromUrl.connection().url()).isEqualTo("jdbc:postgresql://db:5432/lumen?sslmode=require");
        assertThat(fromUrl.toString()).doesNotContain(dev.lumen.db.test.Canaries.PASSWORD);
    }

    @Test
    void whenAnEnvironmentNameIsGivenThenItIsParsedIgnoringCase() {
        assertThat(loader(Map.of("LUMEN_DB_ENV", "PROD"), new Properties()).environment()).isEqualTo(Environment.PROD);
        assertThat(loader(Map.of(), new Properties()).environment()).isEqualTo(Environment.DEV);
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> Environment.parse("staging"))
                .withMessage("lumen.db.env must be dev, test or prod, got 'staging'");
    }

    @Test
    void whenAnOverrideNamesAnUnknownKeyThenItIsRefused() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> loader(Map.of(), new Properties()).withOverrides(Map.of("lumen.db.pool.size", "3")))
                .withMessageContaining("did you mean lumen.db.pool.max-size?");
    }

    @Test
    void whenDurationsAreWrittenInAnyCommonFormThenTheyParse() {
        assertThat(List.of("250ms", "5s", "10m", "1h", "PT5S", "0").stream().map(Durations::parse).toList())
                .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ofSeconds(5), Duration.ZERO);
        assertThat(Durations.parse("5")).isNull();
        assertThat(Durations.parse("-5s")).isNull();
    }
}
