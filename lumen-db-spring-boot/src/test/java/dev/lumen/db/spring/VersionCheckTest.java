package dev.lumen.db.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.spring.autoconfigure.LumenDbEnvironmentPostProcessor;
import dev.lumen.db.spring.error.IncompatibleLibraryException;
import dev.lumen.db.spring.error.IncompatibleLibraryFailureAnalyzer;
import dev.lumen.db.spring.error.VersionCheck;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

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
    void whenBootStartsThenItFindsTheAnalyzerAndTheEnvironmentDefaults() throws IOException {
        List<String> analyzers = new ArrayList<>();
        List<String> postProcessors = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            analyzers.addAll(List.of(factories.getProperty(FailureAnalyzer.class.getName(), "").split(",")));
            postProcessors.addAll(List.of(factories.getProperty(EnvironmentPostProcessor.class.getName(), "").split(",")));
        }

        assertThat(analyzers).contains(IncompatibleLibraryFailureAnalyzer.class.getName());
        assertThat(postProcessors).contains(LumenDbEnvironmentPostProcessor.class.getName());
    }

    @Test
    void whenTheVersionsAreLumenDbsOrNewerOrUnknownThenNothingIsReported() {
        assertThat(VersionCheck.check(Map.of("org.jooq:jooq", "3.21.9", "org.flywaydb:flyway-core", "13.12.0"))).isEmpty();
        assertThat(VersionCheck.check(Map.of("org.jooq:jooq", "3.22.0-RC1", "org.flywaydb:flyway-core", ""))).isEmpty();
        // The classpath of this build passes.
        VersionCheck.verify();
    }
}
