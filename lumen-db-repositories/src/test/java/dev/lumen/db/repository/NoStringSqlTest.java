package dev.lumen.db.repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.jooq.PlainSQL;
import org.junit.jupiter.api.Test;

/** No repository builds SQL from strings: jOOQ's plain-SQL API and raw JDBC statements are off limits. */
class NoStringSqlTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lumen.db.repository");

    /** jOOQ marks every method that takes SQL text with {@link PlainSQL}. */
    static final DescribedPredicate<JavaCall<?>> PLAIN_SQL = DescribedPredicate.describe("jOOQ's @PlainSQL API",
            call -> call.getTarget().isAnnotatedWith(PlainSQL.class)
                    || call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(PlainSQL.class)).orElse(false));

    /** JDBC methods that take SQL text. */
    static final DescribedPredicate<JavaCall<?>> JDBC_SQL = DescribedPredicate.describe("JDBC methods taking SQL text",
            call -> call.getTargetOwner().isAssignableTo(java.sql.Statement.class)
                    && call.getName().startsWith("execute")
                    && !call.getTarget().getRawParameterTypes().isEmpty()
                    || call.getTargetOwner().isAssignableTo(java.sql.Connection.class)
                    && (call.getName().equals("prepareStatement") || call.getName().equals("prepareCall")
                    || call.getName().equals("nativeSQL")));

    @Test
    void whenRepositoriesRunSqlThenItIsNeverBuiltFromStrings() {
        ArchRule rule = noClasses()
                .that().resideInAPackage("dev.lumen.db.repository..")
                // COPY has no jOOQ DSL; its statement is a fixed template filled with generated names only.
                .and().doNotHaveFullyQualifiedName(CopyInserter.class.getName())
                .should().callCodeUnitWhere(PLAIN_SQL)
                .orShould().callCodeUnitWhere(JDBC_SQL)
                .because("SQL is built from generated fields, bind values and DSL.name, never from strings");
        rule.check(MAIN);
    }

    @Test
    void whenTheRuleMeetsPlainSqlThenItFails() {
        JavaClasses offender = new ClassFileImporter().importClasses(PlainSqlOffender.class);
        ArchRule rule = noClasses().should().callCodeUnitWhere(PLAIN_SQL);
        org.assertj.core.api.Assertions.assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> rule.check(offender))
                .withMessageContaining("PlainSqlOffender");
    }

    /** Proves the rule can fail. */
    static final class PlainSqlOffender {
        @SuppressWarnings("unused")
        org.jooq.Condition byName(String name) {
            return org.jooq.impl.DSL.condition("name = '" + name + "'");
        }
    }
}
