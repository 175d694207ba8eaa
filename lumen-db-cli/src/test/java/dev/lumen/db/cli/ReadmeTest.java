package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.db.core.config.ConfigKey;
import dev.lumen.db.core.config.Environment;
import dev.lumen.db.core.observe.MetricNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The README documents every knob, metric and exit code, with the defaults the code really has. */
class ReadmeTest {

    private static final String README = read();

    private static String read() {
        try {
            return Files.readString(Path.of("..", "README.md"));
        } catch (IOException e) {
            throw new IllegalStateException("README.md not found next to the modules", e);
        }
    }

    @Test
    void whenAConfigurationKeyExistsThenTheReadmeTableHasItsRowWithTheRealDefaults() {
        for (ConfigKey key : ConfigKey.values()) {
            String row = README.lines()
                    .filter(line -> line.startsWith("| `" + key.property() + "` / `" + key.environmentVariable() + "`"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("README has no row for " + key.property()));
            for (Environment environment : Environment.values()) {
                String value = key.defaultFor(environment);
                assertThat(row).as("%s default in %s", key.property(), environment)
                        .contains(value.isEmpty() ? "—" : "`" + value + "`");
            }
        }
    }

    @Test
    void whenAMetricExistsThenTheReadmeNamesIt() throws IllegalAccessException {
        for (Field field : MetricNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().equals(field.getName().toUpperCase())) {
                String value = (String) field.get(null);
                assertThat(README).as("README mentions %s", value).contains("`" + value + "`");
            }
        }
    }

    @Test
    void whenAnExitCodeExistsThenTheReadmeTableExplainsIt() throws IllegalAccessException {
        for (Field field : ExitCodes.class.getFields()) {
            int code = field.getInt(null);
            assertThat(README.lines().anyMatch(line -> line.startsWith("| " + code + " |")))
                    .as("exit code %d (%s) in README", code, field.getName()).isTrue();
        }
        assertThat(Arrays.asList("./lumen-db demo", "./mvnw verify")).allMatch(README::contains);
    }
}
