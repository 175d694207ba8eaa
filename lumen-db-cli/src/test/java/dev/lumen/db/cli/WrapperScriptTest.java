package dev.lumen.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./lumen-db} script, run by bash in a copy of the checkout whose {@code ./mvnw} is a stand-in that
 * records its arguments (and fails when told to) and whose command jar runs this module's classes. A nested real
 * Maven build inside {@code ./mvnw verify} would fight the outer one over the same target folders.
 */
class WrapperScriptTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Instant EARLIER = Instant.now().minusSeconds(3600);

    @TempDir
    Path root;

    Path jar;

    @BeforeEach
    void copyTheCheckout() throws IOException {
        copy("lumen-db");
        copy("src/build/jdk.sh");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path source = root.resolve("lumen-db-cli/src/main/java/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}\n");
        Path migrations = Files.createDirectories(root.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_users.sql"), "CREATE TABLE users (id uuid PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("U1__create_users.sql"), "DROP TABLE users;\n");
        Files.writeString(root.resolve("mvnw"), """
                #!/bin/sh
                echo "$*" >> mvnw.calls
                if [ -f mvnw.fail ]; then
                  echo "[INFO] Scanning for projects..."
                  echo "[ERROR] Failed to execute goal dev.lumen:lumen-db-maven-plugin:generate on project lumen-db-schema: Migration V2__broken.sql failed at line 1: ERROR: syntax error at or near \\"TABEL\\" (SQLSTATE 42601)"
                  echo "[ERROR] "
                  echo "[ERROR] -> [Help 1]"
                  echo "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch."
                  exit 1
                fi
                echo "[INFO] BUILD SUCCESS"
                touch lumen-db-cli/target/lumen-db-cli.jar
                """);
        Files.setPosixFilePermissions(root.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = root.resolve("lumen-db-cli/target/lumen-db-cli.jar");
        writeLauncherJar(jar);
        try (Stream<Path> files = Files.walk(root)) {
            // Folders too: find -newer sees a folder whose entries changed.
            for (Path file : files.filter(f -> !f.equals(jar)).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(EARLIER));
            }
        }
        // Built a minute ago: what the tests write now is newer, whatever the file system's clock granularity.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    private void copy(String file) throws IOException {
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(CHECKOUT.resolve(file), target);
    }

    /** A jar with no classes of its own: its manifest runs the CLI from this test's class path. */
    private static void writeLauncherJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LumenDbCli.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" ")));
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all it holds
        }
    }

    private Cli.Result wrapper(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("lumen-db").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LUMEN_DB_") || name.equals("MAVEN_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("lumen-db finished").isTrue();
        return new Cli.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    private List<String> mavenCalls() throws IOException {
        Path calls = root.resolve("mvnw.calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private void addMigrationWithALintFinding() throws IOException {
        Files.writeString(root.resolve("migrations/V2__index_users.sql"),
                "SET lock_timeout = '2s';\n\nCREATE INDEX idx_users_id ON users (id);\n");
        Files.writeString(root.resolve("migrations/U2__index_users.sql"), "DROP INDEX idx_users_id;\n");
    }

    @Test
    void whenOnlyMigrationsChangedThenMigrateLintRunsWithoutABuildAndExitsFourWithItsOwnReport() throws Exception {
        addMigrationWithALintFinding();

        Cli.Result lint = wrapper("migrate", "lint", "--dir", "migrations");

        assertThat(lint.exitCode()).as(lint.err()).isEqualTo(ExitCodes.MIGRATION);
        assertThat(lint.out()).contains("V2__index_users.sql:3: LDB001", "Linted migrations:");
        assertThat(lint.err()).isEmpty();
        assertThat(mavenCalls()).as("./mvnw runs").isEmpty();
    }

    @Test
    void whenMigrationsChangedThenOtherCommandsRebuildAndTheBuildNeverFailsOnLintFindings() throws Exception {
        addMigrationWithALintFinding();

        Cli.Result help = wrapper("migrate", "status", "--help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: lumen-db migrate status");
        assertThat(help.err()).doesNotContain("[INFO]", "BUILD SUCCESS");
        assertThat(mavenCalls()).singleElement().asString()
                .contains("package", "-DskipTests", "-Dlumen.db.lint.failOnViolation=false", "-pl lumen-db-cli -am");
        assertThat(Files.readString(root.resolve(".lumen-db/build.log"))).contains("BUILD SUCCESS");
    }

    @Test
    void whenTheBuildFailsThenOneLineNamesTheCauseAndTheLogInsteadOfMavensReport() throws Exception {
        Files.writeString(root.resolve("mvnw.fail"), "");
        Files.setLastModifiedTime(root.resolve("lumen-db-cli/src/main/java/Main.java"),
                FileTime.from(Instant.now().plusSeconds(5)));

        Cli.Result failed = wrapper("migrate", "lint");

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failed.err().lines().toList()).containsExactly(
                "Building lumen-db with ./mvnw (the first time downloads Maven, the libraries and PostgreSQL)...",
                "lumen-db: building the command failed: Failed to execute goal dev.lumen:lumen-db-maven-plugin:generate"
                        + " on project lumen-db-schema: Migration V2__broken.sql failed at line 1: ERROR: syntax error at"
                        + " or near \"TABEL\" (SQLSTATE 42601) (full log: .lumen-db/build.log)");
        assertThat(failed.out()).isEmpty();
    }
}
