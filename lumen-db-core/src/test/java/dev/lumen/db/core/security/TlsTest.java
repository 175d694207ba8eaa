package dev.lumen.db.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lumen.db.core.LumenDb;
import dev.lumen.db.core.config.ConfigLoader;
import dev.lumen.db.core.config.DatabaseConfig;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.error.ConnectionFailedException;
import dev.lumen.db.core.error.ConnectionFailedException.Reason;
import dev.lumen.db.test.StandalonePostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen.db.ssl.mode=verify-full} with a root certificate: the connection is encrypted and the server's
 * certificate and host name are checked; a certificate from another CA or another host name is refused.
 */
class TlsTest {

    @TempDir
    Path certs;

    @Test
    void whenVerifyFullHasTheRightRootCertificateThenTheConnectionIsEncryptedAndOtherwiseRefused() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=lumen-test-ca",
                "-keyout", "ca.key", "-out", "ca.crt");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=other-ca",
                "-keyout", "other.key", "-out", "other.crt");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
                "-out", "server.csr");
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
        Files.setPosixFilePermissions(certs.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));

        try (StandalonePostgres server = StandalonePostgres.start(false, Map.of("ssl", "on",
                "ssl_cert_file", certs.resolve("server.crt").toString(),
                "ssl_key_file", certs.resolve("server.key").toString()))) {
            try (LumenDb db = LumenDb.start(config("localhost", server, "ca.crt"), new SimpleMeterRegistry())) {
                assertThat(db.dsl().fetchValue(DSL.field("(SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())",
                        Boolean.class))).isTrue();
            }
            assertThatExceptionOfType(ConnectionFailedException.class)
                    .isThrownBy(() -> LumenDb.start(config("localhost", server, "other.crt"), new SimpleMeterRegistry()))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                    .withMessageContaining("TLS failed");
            assertThatExceptionOfType(ConnectionFailedException.class)
                    .as("the certificate names localhost, not 127.0.0.1")
                    .isThrownBy(() -> LumenDb.start(config("127.0.0.1", server, "ca.crt"), new SimpleMeterRegistry()))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TLS));
        }
    }

    private DatabaseConfig config(String host, StandalonePostgres server, String rootCert) {
        return new ConfigLoader(Map.of(), new Properties()).withOverrides(Map.of(
                "lumen.db.url", "jdbc:postgresql://" + host + ":" + server.port() + "/postgres",
                "lumen.db.user", "postgres", "lumen.db.ssl.mode", "verify-full",
                "lumen.db.ssl.root-cert", certs.resolve(rootCert).toString())).load(Environment.PROD);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
