package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to reach and talk to the server. Whatever URL it is given, {@link #url()} holds no credentials and no
 * secret-bearing parameter: a user, password or {@code sslpassword} written in the URL is lifted into
 * {@link #user()}, {@link #password()} and {@link #secretParameters()}, all masked in {@code toString}.
 *
 * @param url                   JDBC URL without credentials or secret parameters
 * @param user                  database user
 * @param password              database password (masked in {@code toString})
 * @param connectTimeout        TCP connect timeout
 * @param socketTimeout         read timeout; zero is off
 * @param statementTimeout      server-side default {@code statement_timeout}; zero is off
 * @param tcpKeepAlive          TCP keep-alive
 * @param reWriteBatchedInserts rewrite batched inserts into multi-row statements
 * @param applicationName       {@code application_name}
 * @param sslMode               TLS mode
 * @param sslRootCert           CA certificate file, or {@code null} for the driver default
 * @param secretParameters         other secret driver properties by pgjdbc name ({@code sslpassword}, ...), masked
 */
public record ConnectionConfig(
        String url,
        String user,
        Secret password,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration statementTimeout,
        boolean tcpKeepAlive,
        boolean reWriteBatchedInserts,
        String applicationName,
        SslMode sslMode,
        @Nullable Path sslRootCert,
        Map<String, Secret> secretParameters) {

    /** Largest {@link #connectTimeout()}. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);
    /** Largest {@link #socketTimeout()}: pgjdbc turns it into milliseconds of an {@code int}. */
    public static final Duration MAX_SOCKET_TIMEOUT = Duration.ofHours(24);
    /** Largest {@link #statementTimeout()}: PostgreSQL's {@code statement_timeout} is an {@code int} of milliseconds. */
    public static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofHours(24);

    /** Parses the URL, lifts secrets out of it and validates every field. */
    public ConnectionConfig {
        PostgresUrl parsed = PostgresUrl.parse(url);
        url = parsed.jdbcUrl();
        if (user.isBlank() && parsed.user() != null) {
            user = parsed.user();
        }
        if (password.isEmpty()) {
            password = parsed.password();
        }
        Map<String, Secret> secrets = new HashMap<>(parsed.secretParameters());
        secrets.putAll(secretParameters);
        secretParameters = Map.copyOf(secrets);
        if (user.isBlank()) {
            throw new ConfigurationException(ConfigKey.USER.property(),
                    ConfigKey.USER.property() + " is required (set " + ConfigKey.USER.environmentVariable()
                            + " or put the user in the URL)");
        }
        Checks.between(ConfigKey.CONNECT_TIMEOUT, connectTimeout, Duration.ofSeconds(1), MAX_CONNECT_TIMEOUT);
        Checks.notNegative(ConfigKey.SOCKET_TIMEOUT, socketTimeout);
        Checks.atMost(ConfigKey.SOCKET_TIMEOUT, socketTimeout, MAX_SOCKET_TIMEOUT);
        Checks.notNegative(ConfigKey.STATEMENT_TIMEOUT, statementTimeout);
        Checks.atMost(ConfigKey.STATEMENT_TIMEOUT, statementTimeout, MAX_STATEMENT_TIMEOUT);
        if (applicationName.length() > 63) {
            throw new ConfigurationException(ConfigKey.APPLICATION_NAME.property(),
                    ConfigKey.APPLICATION_NAME.property() + " must be at most 63 characters");
        }
        if (sslRootCert != null && !Files.isReadable(sslRootCert)) {
            throw new ConfigurationException(ConfigKey.SSL_ROOT_CERT.property(),
                    ConfigKey.SSL_ROOT_CERT.property() + " names a file that cannot be read: " + sslRootCert);
        }
    }

    /**
     * A configuration without extra secret driver properties (any in the URL are still lifted out).
     *
     * @param url                   JDBC URL or postgres:// URI
     * @param user                  database user; blank takes the URL's
     * @param password              database password; empty takes the URL's
     * @param connectTimeout        TCP connect timeout
     * @param socketTimeout         read timeout; zero is off
     * @param statementTimeout      server-side default {@code statement_timeout}; zero is off
     * @param tcpKeepAlive          TCP keep-alive
     * @param reWriteBatchedInserts rewrite batched inserts into multi-row statements
     * @param applicationName       {@code application_name}
     * @param sslMode               TLS mode
     * @param sslRootCert           CA certificate file, or {@code null} for the driver default
     */
    public ConnectionConfig(String url, String user, Secret password, Duration connectTimeout, Duration socketTimeout,
            Duration statementTimeout, boolean tcpKeepAlive, boolean reWriteBatchedInserts, String applicationName,
            SslMode sslMode, @Nullable Path sslRootCert) {
        this(url, user, password, connectTimeout, socketTimeout, statementTimeout, tcpKeepAlive, reWriteBatchedInserts,
                applicationName, sslMode, sslRootCert, Map.of());
    }

    /**
     * {@code host:port/database} of the server, for messages.
     *
     * @return the server
     */
    public String server() {
        return PostgresUrl.parse(url).server();
    }

    /**
     * The same settings for another server (a replica, a direct URL past a pooler): that URL's credentials when it
     * names any, else these.
     *
     * @param other the other server's parsed URL
     * @return the settings
     */
    public ConnectionConfig at(PostgresUrl other) {
        return new ConnectionConfig(other.jdbcUrl(), other.user() == null ? user : other.user(),
                other.password().isEmpty() ? password : other.password(), connectTimeout, socketTimeout,
                statementTimeout, tcpKeepAlive, reWriteBatchedInserts, applicationName, sslMode, sslRootCert,
                other.secretParameters());
    }
}
