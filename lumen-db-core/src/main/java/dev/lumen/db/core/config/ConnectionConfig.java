package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach and talk to the server.
 *
 * @param url                   JDBC URL without credentials
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
        @Nullable Path sslRootCert) {

    /** Validates every field. */
    public ConnectionConfig {
        if (!url.startsWith("jdbc:postgresql://")) {
            url = PostgresUrl.parse(url).jdbcUrl();
        }
        if (user.isBlank()) {
            throw new ConfigurationException(ConfigKey.USER.property(),
                    ConfigKey.USER.property() + " is required (set " + ConfigKey.USER.environmentVariable()
                            + " or put the user in the URL)");
        }
        Checks.atLeast(ConfigKey.CONNECT_TIMEOUT, connectTimeout, Duration.ofSeconds(1));
        Checks.notNegative(ConfigKey.SOCKET_TIMEOUT, socketTimeout);
        Checks.notNegative(ConfigKey.STATEMENT_TIMEOUT, statementTimeout);
        if (applicationName.length() > 63) {
            throw new ConfigurationException(ConfigKey.APPLICATION_NAME.property(),
                    ConfigKey.APPLICATION_NAME.property() + " must be at most 63 characters");
        }
        if (sslRootCert != null && !Files.isReadable(sslRootCert)) {
            throw new ConfigurationException(ConfigKey.SSL_ROOT_CERT.property(),
                    ConfigKey.SSL_ROOT_CERT.property() + " names a file that cannot be read: " + sslRootCert);
        }
    }
}
