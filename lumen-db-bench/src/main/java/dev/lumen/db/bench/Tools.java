package dev.lumen.db.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The scenarios measured outside JMH: template clone against migrating from empty, the code generator's
 * up-to-date and cold runs, and pgbench.
 */
final class Tools {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private Tools() {
    }

    /**
     * Median seconds of {@code CREATE DATABASE x TEMPLATE tpl} and of creating an empty database and migrating
     * it with lumen-db's migrator.
     *
     * @param fixture the server
     * @param runs    runs of each
     * @return {clone seconds, migrate seconds}
     */
    static double[] templateClone(BenchFixture fixture, int runs) {
        double[] clone = new double[runs];
        double[] migrate = new double[runs];
        // The bulk scenarios leave the server writing out hundreds of MB; a test suite starts from a quiet server.
        BenchFixture.admin(fixture.postgres(), "CHECKPOINT");
        for (int i = 0; i < runs; i++) {
            String name = "lumen_bench_clone_" + i;
            long started = System.nanoTime();
            BenchFixture.admin(fixture.postgres(), "CREATE DATABASE " + name + " TEMPLATE " + BenchFixture.TEMPLATE);
            clone[i] = (System.nanoTime() - started) / 1e9;
            BenchFixture.admin(fixture.postgres(), "DROP DATABASE " + name);
            String empty = "lumen_bench_empty_" + i;
            started = System.nanoTime();
            BenchFixture.admin(fixture.postgres(), "CREATE DATABASE " + empty);
            BenchFixture.migrator(fixture.postgres(), empty).up();
            migrate[i] = (System.nanoTime() - started) / 1e9;
            BenchFixture.admin(fixture.postgres(), "DROP DATABASE " + empty + " WITH (FORCE)");
        }
        return new double[] {Paired.median(clone), Paired.median(migrate)};
    }

    /**
     * Times the generator in fresh JVMs: one cold run (empty output and work folders: starts a throwaway
     * PostgreSQL, migrates, generates) and {@code upToDateRuns} runs with unchanged migrations.
     *
     * @param migrations   the migrations folder
     * @param upToDateRuns runs with unchanged input
     * @return {cold seconds, median up-to-date seconds, median whole-JVM seconds of an up-to-date run}, or null
     */
    static double @Nullable [] generate(Path migrations, int upToDateRuns) throws IOException, InterruptedException {
        if (!Files.isDirectory(migrations)) {
            return null;
        }
        Path scratch = Files.createTempDirectory("lumen-bench-generate");
        try {
            Path out = scratch.resolve("generated");
            Path work = scratch.resolve("work");
            double[] cold = probe(migrations, out, work);
            double[] plugin = new double[upToDateRuns];
            double[] process = new double[upToDateRuns];
            for (int i = 0; i < upToDateRuns; i++) {
                double[] run = probe(migrations, out, work);
                if (run[2] != 0) {
                    throw new IllegalStateException("the generator regenerated although nothing changed");
                }
                plugin[i] = run[0];
                process[i] = run[1];
            }
            return new double[] {cold[0], Paired.median(plugin), Paired.median(process)};
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** {generator seconds, process seconds, 1 when regenerated}. */
    private static double[] probe(Path migrations, Path out, Path work) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                GenerateProbe.class.getName(), migrations.toString(), out.toString(), work.toString());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("generator probe failed: " + output);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        String[] last = output.lines().reduce((a, b) -> b).orElse("").split(" ");
        return new double[] {Long.parseLong(last[0]) / 1e9, wall, Boolean.parseBoolean(last[1]) ? 1 : 0};
    }

    /**
     * The pgbench binary, if installed.
     *
     * @return its path, or null
     */
    static @Nullable Path pgbench() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "pgbench"));
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin/pgbench")));
        } catch (IOException e) {
            // not a Debian layout
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Initialises a pgbench database (scale 1: 100k accounts) on the fixture's server and runs
     * {@code pgbench -S -M prepared -c clients -j 2 -T seconds}.
     *
     * @param binary  pgbench
     * @param fixture the server
     * @param clients client connections
     * @param seconds duration
     * @return {tps, version text}
     */
    static Object[] pgbench(Path binary, BenchFixture fixture, int clients, int seconds)
            throws IOException, InterruptedException {
        BenchFixture.admin(fixture.postgres(), "DROP DATABASE IF EXISTS lumen_bench_pgbench WITH (FORCE)");
        BenchFixture.admin(fixture.postgres(), "CREATE DATABASE lumen_bench_pgbench");
        String port = Integer.toString(fixture.postgres().getPort());
        run(List.of(binary.toString(), "-i", "-s", "1", "-q", "-h", "localhost", "-p", port, "-U", "postgres",
                "lumen_bench_pgbench"));
        String output = run(List.of(binary.toString(), "-S", "-M", "prepared", "-n", "-c", Integer.toString(clients),
                "-j", "2", "-T", Integer.toString(seconds), "-h", "localhost", "-p", port, "-U", "postgres",
                "lumen_bench_pgbench"));
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output: " + output);
        }
        String version = run(List.of(binary.toString(), "--version")).strip();
        return new Object[] {Double.parseDouble(tps.group(1)), version};
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
