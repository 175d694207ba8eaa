package dev.lumen.db.bench;

import dev.lumen.db.maven.BuildLog;
import dev.lumen.db.maven.GeneratorSettings;
import dev.lumen.db.maven.SchemaGenerator;
import java.nio.file.Path;

/**
 * Runs the code generator exactly as the {@code generate} goal does ({@link SchemaGenerator#run}) in a fresh JVM
 * and prints the generator's own measured time: {@code <nanoseconds> <regenerated>}. A fresh JVM per run, like a
 * Maven build, so class loading of the plugin's code is part of the figure.
 */
public final class GenerateProbe {

    private GenerateProbe() {
    }

    /**
     * Entry point.
     *
     * @param args migrations folder, output folder, work folder
     */
    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        GeneratorSettings settings = GeneratorSettings.defaults(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        SchemaGenerator.Result result = SchemaGenerator.run(settings, BuildLog.silent());
        System.out.println(result.elapsed().toNanos() + " " + result.regenerated());
    }
}
