package dev.lumen.db.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own freshly migrated PostgreSQL database, injected as a
 * {@link TestDatabase} parameter into constructors, lifecycle methods and test methods. A library's own tests
 * name fixture migrations with {@link #locations()}, so an application's schema never changes what they see.
 *
 * <pre>{@code
 * @LumenDbTest
 * class UsersTest {
 *     @Test
 *     void insertsAUser(TestDatabase db) throws SQLException { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LumenDbExtension.class)
public @interface LumenDbTest {

    /**
     * Whether the database starts with every migration applied (the default) or empty, for tests of the
     * migrations themselves.
     *
     * @return true for a migrated database
     */
    boolean migrated() default true;

    /**
     * Flyway locations of this class's migrations, for example {@code "classpath:fixtures/orders"} or
     * {@code "filesystem:src/test/resources/fixtures/orders"}. Empty (the default) means the run's default: the
     * {@code lumen.db.test.locations} system property (comma-separated) when set, else
     * {@code classpath:db/migration}, the migrations packaged with the schema. Classes with the same locations
     * share one migrated template.
     *
     * @return the locations, or empty for the default
     */
    String[] locations() default {};
}
