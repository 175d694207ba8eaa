package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/build/jdk.sh}, which {@code ./mvnw}, {@code ./lumen-db} and {@code .ci/run} source: on a machine whose
 * default java is 17 with a JDK 21+ installed beside it, the build uses the newer one; with none, one line says
 * what to install. Run by the POSIX {@code /bin/sh} (the wrapper's shell) on stand-in JDK folders, found through
 * {@code LUMEN_DB_JDK_SEARCH} so the machine's own JDKs do not take part.
 */
class JdkScriptTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    /** The tools the scripts call, and nothing else: no java, no javac. */
    Path tools;

    @BeforeEach
    void tools() throws IOException {
        tools = Files.createDirectories(folder.resolve("tools"));
        for (String tool : List.of("sed", "head", "dirname", "basename", "readlink", "uname", "grep", "tr")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(dir, tool);
                if (Files.isExecutable(found) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), found);
                }
            }
        }
    }

    /** A folder laid out like a JDK of that version: bin/java, bin/javac and the release file. */
    private Path jdk(String version) throws IOException {
        Path home = Files.createDirectories(folder.resolve("jdks/jdk-" + version + "/bin"));
        for (String tool : List.of("java", "javac")) {
            Files.writeString(home.resolve(tool), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(home.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.getParent().resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home.getParent();
    }

    private Cli.Result source(Map<String, String> environment) throws IOException, InterruptedException {
        return run(environment, "/bin/sh", "-c",
                ". \"$1/src/build/jdk.sh\"; printf '%s|%s' \"$JAVA_HOME\" \"${MAVEN_OPTS:-}\"", "sh",
                CHECKOUT.toString());
    }

    private Cli.Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("HOME", folder.resolve("home").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), java.time.Duration.ZERO);
    }

    private String search() {
        return folder.resolve("jdks").toString() + "/*";
    }

    @Test
    void whenJavaHomeIsUnsetOrOlderThan21ThenTheNewestJdk21PlusIsUsed() throws Exception {
        Path java17 = jdk("17.0.15");
        Path java21 = jdk("21.0.5");

        Cli.Result unset = source(Map.of("LUMEN_DB_JDK_SEARCH", search(),
                "PATH", java17.resolve("bin") + ":" + tools));
        Cli.Result older = source(Map.of("LUMEN_DB_JDK_SEARCH", search(), "JAVA_HOME", java17.toString()));

        assertThat(unset.out()).as(unset.err()).isEqualTo(java21 + "|");
        assertThat(older.out()).as(older.err()).isEqualTo(java21 + "|");
    }

    @Test
    void whenJavaHomeIs21OrNewerThenItIsKeptAndOnlyJdk23PlusGetTheUnsafeOption() throws Exception {
        Path java21 = jdk("21.0.5");
        Path java25 = jdk("25.0.1");

        Cli.Result kept = source(Map.of("LUMEN_DB_JDK_SEARCH", search(), "JAVA_HOME", java21.toString()));
        Cli.Result newest = source(Map.of("LUMEN_DB_JDK_SEARCH", search(), "MAVEN_OPTS", "-Xmx1g"));

        assertThat(kept.out()).as("JDK 21 refuses unknown options: none added").isEqualTo(java21 + "|");
        assertThat(newest.out()).isEqualTo(java25 + "|-Xmx1g --sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void whenNoJdk21IsInstalledThenTheWrapperSaysWhatToInstallInOneLine() throws Exception {
        Path java17 = jdk("17.0.15");
        Map<String, String> onlyJava17 = Map.of("LUMEN_DB_JDK_SEARCH", search(),
                "PATH", java17.resolve("bin") + ":" + tools);

        Cli.Result sourced = source(onlyJava17);
        List<String> mvnw = new ArrayList<>(List.of("/bin/sh", CHECKOUT.resolve("mvnw").toString(), "-v"));
        Cli.Result wrapper = run(onlyJava17, mvnw.toArray(String[]::new));

        for (Cli.Result result : List.of(sourced, wrapper)) {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().lines().toList()).singleElement().asString()
                    .startsWith("lumen-db needs a JDK 21 or newer and found none").contains("install one");
        }
    }
}
