package dev.lumen.db.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-written code never calls the all-columns constructor of a generated record or POJO: its parameter list is
 * the table's columns in order, so a column a user's migration adds to a seed table (say {@code users.nickname})
 * would stop that code compiling and turn {@code ./mvnw verify} red. Setters, {@code into(...)} or a record of its
 * own are what such code uses. This module is built after every other one, so its classpath sees them all.
 */
class GeneratedConstructorsTest {

    private static final String GENERATED = "dev.lumen.db.schema";

    @Test
    void whenCodeOutsideTheGeneratedPackageBuildsARecordOrPojoThenItNeverUsesTheAllColumnsConstructor() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.lumen.db");
        List<String> calls = new ArrayList<>();
        int scanned = 0;
        for (JavaClass type : classes) {
            if (type.getPackageName().startsWith(GENERATED)) {
                continue;
            }
            scanned++;
            for (JavaConstructorCall call : type.getConstructorCallsFromSelf()) {
                JavaClass target = call.getTargetOwner();
                boolean generated = target.getPackageName().startsWith(GENERATED + ".tables.records")
                        || target.getPackageName().startsWith(GENERATED + ".tables.pojos");
                // One parameter is the copy constructor (User(User)), which does not change with the columns.
                if (generated && call.getTarget().getRawParameterTypes().size() > 1) {
                    calls.add(call.getDescription());
                }
            }
        }
        assertThat(scanned).as("classes scanned outside %s", GENERATED).isGreaterThan(200);
        assertThat(classes.containPackage("dev.lumen.db.repository.users")).as("the repositories are scanned").isTrue();
        assertThat(calls).isEmpty();
    }
}
