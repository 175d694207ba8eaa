package dev.lumen.db.test;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.SearchOption;

/**
 * The JUnit extension behind {@link LumenDbTest}. The server and its migrated templates live in the root
 * store (one per test run); each test class gets a database cloned from the template of its migration
 * locations, dropped when the class is done.
 */
public final class LumenDbExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(LumenDbExtension.class);
    /**
     * lumen-db-core's {@code ShapeVerification.PROPERTY}: in tests every direct-path call is rendered again and
     * compared with its cached shape, so a wrong shape key fails the test instead of returning another query's
     * rows. Set by the extension unless the run sets it.
     */
    static final String VERIFY_SHAPES_PROPERTY = "lumen.db.verify-shapes";

    /** Created by JUnit. */
    public LumenDbExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty(VERIFY_SHAPES_PROPERTY) == null) {
            System.setProperty(VERIFY_SHAPES_PROPERTY, "true");
        }
        classDatabase(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return classDatabase(extensionContext).database();
    }

    private static ClassDatabase classDatabase(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        SharedServer server = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        ClassDatabase own = store.get(ClassDatabase.class, ClassDatabase.class);
        if (own != null && own.owner().equals(classContext.getUniqueId())) {
            return own;
        }
        Optional<LumenDbTest> annotation = classContext.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, LumenDbTest.class,
                        SearchOption.INCLUDE_ENCLOSING_CLASSES));
        boolean migrated = annotation.map(LumenDbTest::migrated).orElse(true);
        List<String> locations = SharedServer.locations(annotation.map(LumenDbTest::locations).orElse(new String[0]));
        ClassDatabase created = new ClassDatabase(server, server.createDatabase(locations, migrated),
                classContext.getUniqueId());
        store.put(ClassDatabase.class, created);
        return created;
    }

    /** A test class's database; dropped when JUnit closes the class's store. */
    private record ClassDatabase(SharedServer server, TestDatabase database, String owner) implements AutoCloseable {
        @Override
        public void close() {
            server.dropDatabase(database.name());
        }
    }
}
