package dev.lumen.db.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The classes a codegen XML names, found before any database starts: the generator and strategy classes must load
 * from the plugin's classpath (a module built before this one, added to the plugin's {@code <dependencies>}); types,
 * converters, bindings and interfaces named in forced types and matchers must load from there or be a source file of
 * this module. Anything else fails the build with file and line. What was found (class files, sources) joins the
 * up-to-date fingerprint, so that changing a generator regenerates.
 */
final class NamedClasses {

    /** A package-qualified class name inside a type or an expression: {@code java.util.Map}, {@code a.b.C}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][A-Za-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*");
    /** Elements whose text is a class that the generator instantiates while it runs. */
    private static final Set<String> RUN_CLASSES = Set.of("/configuration/generator/name",
            "/configuration/generator/strategy/name");
    /** Elements whose text names types (or expressions with types) that the generated code refers to. */
    private static final Set<String> TYPE_ELEMENTS = Set.of("userType", "converter", "binding", "generator", "from",
            "to");

    private final ClassLoader loader;
    private final List<Path> sourceRoots;
    /** Class or source bytes by name, sorted, for the fingerprint. */
    private final Map<String, byte[]> found = new TreeMap<>();

    private NamedClasses(ClassLoader loader, List<Path> sourceRoots) {
        this.loader = loader;
        this.sourceRoots = sourceRoots;
    }

    /**
     * Resolves the classes a file names, and the generator that will run.
     *
     * @param file        the codegen XML, or {@code null}
     * @param generator   the generator class that will run (the file's or lumen-db's)
     * @param loader      the plugin's class loader
     * @param sourceRoots this module's source folders
     * @return the bytes found, by class name
     * @throws SchemaGenerationException when a class cannot be found
     */
    static Map<String, byte[]> resolve(@Nullable JooqConfigFile file, String generator, ClassLoader loader,
            List<Path> sourceRoots) {
        NamedClasses classes = new NamedClasses(loader, sourceRoots);
        boolean named = false;
        if (file != null) {
            for (XmlElement element : file.root().descendants()) {
                if (RUN_CLASSES.contains(element.path())) {
                    classes.runClass(element.text(), element, file);
                    named |= element.path().equals("/configuration/generator/name");
                } else if (isTypeElement(element)) {
                    Matcher names = QUALIFIED.matcher(element.text());
                    while (names.find()) {
                        classes.type(names.group(), element, file);
                    }
                }
            }
        }
        if (!named) {
            classes.runClass(generator, null, null);
        }
        return classes.found;
    }

    private static boolean isTypeElement(XmlElement element) {
        return element.path().contains("/forcedType/") && TYPE_ELEMENTS.contains(element.name())
                || element.path().contains("/matchers/")
                        && (element.name().endsWith("Implements") || element.name().endsWith("Extends"));
    }

    /** A generator or strategy: loaded, and hashed with its superclasses up to jOOQ's own. */
    private void runClass(String name, @Nullable XmlElement element, @Nullable JooqConfigFile file) {
        Class<?> type;
        try {
            type = Class.forName(name.trim(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            String where = file == null || element == null ? "" : file.at(element) + ": ";
            throw new SchemaGenerationException(where + "class " + name.trim() + " cannot be loaded: add the module"
                    + " that holds it (built before this one) to the lumen-db plugin's <dependencies> (" + e + ").");
        }
        for (Class<?> c = type; c != null && !c.getName().startsWith("org.jooq.") && !c.getName().startsWith("java.");
                c = c.getSuperclass()) {
            String className = c.getName();
            classFile(className).ifPresent(bytes -> found.put(className, bytes));
            packageFiles(c);
        }
    }

    /**
     * A generator's helpers change its output as much as the generator does: the jar it comes from, or every class
     * file of its package when it comes from a folder (a module of this build), is hashed too.
     */
    private void packageFiles(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(location)) {
                found.put("jar:" + location.getFileName(), Files.readAllBytes(location));
                return;
            }
            Path folder = location.resolve(type.getPackageName().replace('.', '/'));
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    found.put("class:" + location.relativize(file), Files.readAllBytes(file));
                }
            }
        } catch (IOException | java.net.URISyntaxException | SecurityException e) {
            // the class file itself is hashed already
        }
    }

    /** A type the generated code refers to: on the plugin's classpath or a source file here. */
    private void type(String name, XmlElement element, JooqConfigFile file) {
        if (name.startsWith("java.") || name.startsWith("javax.") || found.containsKey(name)) {
            return; // the JDK's types are the same for every build of this module
        }
        // a.b.Outer.Inner: try a.b.Outer.Inner, then a.b.Outer$Inner (as class files) and a/b/Outer.java (as source)
        List<String> candidates = new ArrayList<>();
        String binary = name;
        candidates.add(binary);
        while (binary.lastIndexOf('.') > 0 && Character.isUpperCase(binary.charAt(binary.lastIndexOf('.') + 1))
                && binary.indexOf('.') != binary.lastIndexOf('.')) {
            int dot = binary.lastIndexOf('.');
            binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
            candidates.add(binary);
        }
        for (String candidate : candidates) {
            Optional<byte[]> bytes = classFile(candidate);
            if (bytes.isPresent()) {
                found.put(name, bytes.get());
                return;
            }
        }
        String outer = name;
        while (true) {
            Path relative = Path.of(outer.replace('.', '/') + ".java");
            for (Path root : sourceRoots) {
                Path source = root.resolve(relative);
                if (Files.isRegularFile(source)) {
                    found.put(name, read(source));
                    return;
                }
            }
            int dot = outer.lastIndexOf('.');
            if (dot < 0 || !Character.isUpperCase(outer.charAt(outer.lastIndexOf('.', dot - 1) + 1))) {
                break;
            }
            outer = outer.substring(0, dot);
        }
        throw new SchemaGenerationException(file.at(element) + ": class " + name + " (in <" + element.name()
                + ">) cannot be found: it is neither on the lumen-db plugin's classpath nor a source file under "
                + sourceRoots.stream().map(Path::toString).toList() + ".");
    }

    private Optional<byte[]> classFile(String binaryName) {
        try (InputStream in = loader.getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(Path source) {
        try {
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw new SchemaGenerationException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
