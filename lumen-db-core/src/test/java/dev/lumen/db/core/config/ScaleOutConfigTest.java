package dev.lumen.db.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lumen.db.core.error.ConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale-out keys: parsed, range-checked at load, secrets in replica URLs lifted out and never quoted. */
class ScaleOutConfigTest {

    private static DatabaseConfig load(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("lumen.db.url", "jdbc:postgresql://db1:5432,db2:5432/app"));
        values.putAll(extra);
        return DatabaseConfig.of(Environment.TEST, values);
    }

    @Test
    void whenNothingIsSetThenThereAreNoReplicasAndTheDefaultsAreDocumentedOnes() {
        ScaleOutConfig scaleOut = load(Map.of()).scaleOut();

        assertThat(scaleOut.routesReads()).isFalse();
        assertThat(scaleOut.maxLagBytes()).isEqualTo(16L << 20);
        assertThat(scaleOut.probeInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(scaleOut.tokenWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(scaleOut.readmitAfter()).isEqualTo(3);
        assertThat(scaleOut.pooler()).isEqualTo(Pooler.DIRECT);
        assertThat(scaleOut.migrationsUrl()).isNull();
    }

    @Test
    void whenReplicasCarryCredentialsThenTheyAreLiftedOutAndMasked() {
        DatabaseConfig config = load(Map.of("lumen.db.replicas",
                "postgres://reader:s3cr3t-canary@db2:5432/app, jdbc:postgresql://db3/app",
                "lumen.db.replicas.max-lag-bytes", "512kB", "lumen.db.replicas.max-lag", "2s"));

        assertThat(config.scaleOut().replicas()).hasSize(2);
        assertThat(config.scaleOut().replicas().get(0).jdbcUrl()).isEqualTo("jdbc:postgresql://db2:5432/app");
        assertThat(config.scaleOut().replicas().get(0).password().reveal()).isEqualTo("s3cr3t-canary");
        assertThat(config.scaleOut().maxLagBytes()).isEqualTo(512 * 1024);
        assertThat(config.toString()).doesNotContain("s3cr3t-canary");
    }

    @Test
    void whenDiscoverIsSetThenReplicasAreFoundAtStart() {
        assertThat(load(Map.of("lumen.db.replicas", "discover")).scaleOut().discover()).isTrue();
    }

    @Test
    void whenAValueIsOutOfRangeThenLoadingFailsNamingTheKey() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.replicas.probe-interval", "5s")))
                .withMessageContaining("lumen.db.replicas.probe-interval").withMessageContaining("at most 1s");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.replicas.max-lag-bytes", "lots")))
                .withMessageContaining("lumen.db.replicas.max-lag-bytes");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.replicas.readmit-after", "0")))
                .withMessageContaining("lumen.db.replicas.readmit-after");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.replicas.token-wait", "1m")))
                .withMessageContaining("lumen.db.replicas.token-wait");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.pooler", "pgpool")))
                .withMessageContaining("lumen.db.pooler");
    }

    @Test
    void whenAReplicaUrlIsBrokenThenTheErrorNamesTheKeyAndNeverQuotesTheUrl() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.replicas", "mysql://root:hunter2@db2/app")))
                .withMessageStartingWith("lumen.db.replicas")
                .withMessageNotContaining("hunter2");
    }

    @Test
    void whenPgBouncerIsTheProxyThenMigrationsNeedTheirOwnDirectUrl() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> load(Map.of("lumen.db.pooler", "pgbouncer-transaction")))
                .withMessageContaining("lumen.db.migrations.url");

        DatabaseConfig config = load(Map.of("lumen.db.pooler", "pgbouncer-transaction", "lumen.db.migrations.url",
                "postgres://owner:pw@db1:5432/app"));

        assertThat(config.migrationConnection().url()).isEqualTo("jdbc:postgresql://db1:5432/app");
        assertThat(config.migrationConnection().user()).isEqualTo("owner");
        assertThat(config.connection().url()).isEqualTo("jdbc:postgresql://db1:5432,db2:5432/app");
    }
}
