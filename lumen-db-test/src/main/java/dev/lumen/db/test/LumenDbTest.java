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
 * {@link TestDatabase} parameter into constructors, lifecycle methods and test methods.
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
}
