package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.health.HealthReport;
import dev.lumen.db.core.health.HealthStatus;
import dev.lumen.db.core.health.ReplicaStatus;
import dev.lumen.db.core.pool.PoolState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lumen-db health} lists every read replica, serving or ejected, with its lag; JSON carries them too. */
class HealthReplicasOutputTest {

    @Test
    void whenTheReportHasReplicasThenHealthPrintsALineForEach() {
        HealthReport report = new HealthReport(HealthStatus.DEGRADED, Instant.EPOCH, Duration.ofMillis(1),
                new PoolState(0, 1, 1, 0, 5), "4", 0, 0, List.of("replica 10.0.0.3:5432 ejected: replay 9 bytes behind"),
                List.of(new ReplicaStatus("10.0.0.2:5432", true, 100, 0, 0.0, null),
                        new ReplicaStatus("10.0.0.3:5432", false, 91, 9, 2.5, "replay 9 bytes behind")));
        StringWriter text = new StringWriter();

        HealthCommand.print(report, new PrintWriter(text, true));

        assertThat(text.toString())
                .contains("replica    10.0.0.2:5432 serving, lag 0 bytes, 0.0 s")
                .contains("replica    10.0.0.3:5432 ejected, lag 9 bytes, 2.5 s")
                .contains("! replica 10.0.0.3:5432 ejected");
        assertThat(MigrateCommand.Json.write(report)).contains("\"replicas\"").contains("\"lagBytes\" : 9");
    }
}
