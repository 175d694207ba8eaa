package dev.lumen.db.repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.lumen.db.test.PlainSqlRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No repository builds SQL from strings: jOOQ's plain-SQL API and raw JDBC statements are off limits. */
class NoStringSqlTest {

    @Test
    void whenRepositoriesRunSqlThenItIsNeverBuiltFromStrings() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lumen.db.repository");

        PlainSqlRules.noSqlTextOutside(Map.of(CopyInserter.class.getName(),
                "COPY has no jOOQ DSL; its statement is a fixed template filled with generated names only"))
                .check(main);
    }

    @Test
    void whenTheRuleMeetsPlainSqlThenItFails() {
        JavaClasses offender = new ClassFileImporter().importClasses(PlainSqlOffender.class);
        ArchRule rule = noClasses().should().callCodeUnitWhere(PlainSqlRules.PLAIN_SQL);

        assertThatExceptionOfType(AssertionError.class)
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
