package dev.lumen.db.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.spring.error.IncompatibleLibraryException;
import dev.lumen.db.spring.error.IncompatibleLibraryFailureAnalyzer;
import dev.lumen.db.spring.error.VersionCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The start-up check for an application BOM that drags jOOQ or Flyway below lumen-db's needs (Spring Boot 4.0
 * manages jOOQ 3.19 and Flyway 11), and the failure analysis naming the properties that fix it.
 */
class VersionCheckTest {

    @Test
    void whenBoot40sVersionsAreOnTheClasspathThenBothAreReportedWithThePropertyToSet() {
        var findings = VersionCheck.check(Map.of("org.jooq:jooq", "3.19.28", "org.flywaydb:flyway-core", "11.7.2"));

        assertThat(findings).extracting(VersionCheck.Finding::property).containsExactly("jooq.version", "flyway.version");

        // As Boot sees it: the exception arrives wrapped in the bean creation failure of the LumenDb bean.
        BeanCreationException startup = new BeanCreationException("lumenDb", "failed",
                new IncompatibleLibraryException(findings));
        FailureAnalysis analysis = new IncompatibleLibraryFailureAnalyzer().analyze(startup);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("org.jooq:jooq 3.19.28 is older than the 3.21.0")
                .contains("org.flywaydb:flyway-core 11.7.2 is older than the 13.0.0");
        assertThat(analysis.getAction()).contains("<jooq.version>3.21.0</jooq.version>")
                .contains("<flyway.version>13.0.0</flyway.version>");
    }

    @Test
    void whenTheVersionsAreLumenDbsOrNewerOrUnknownThenNothingIsReported() {
        assertThat(VersionCheck.check(Map.of("org.jooq:jooq", "3.21.9", "org.flywaydb:flyway-core", "13.12.0"))).isEmpty();
        assertThat(VersionCheck.check(Map.of("org.jooq:jooq", "3.22.0-RC1", "org.flywaydb:flyway-core", ""))).isEmpty();
        // The classpath of this build passes.
        VersionCheck.verify();
    }
}
