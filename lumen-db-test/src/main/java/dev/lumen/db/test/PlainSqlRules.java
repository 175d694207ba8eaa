package dev.lumen.db.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import org.jooq.PlainSQL;

/**
 * ArchUnit rules that keep SQL text out of main code: no call to jOOQ's {@link PlainSQL} API and no JDBC method
 * that takes SQL text, except in classes on an allow-list that says why.
 */
public final class PlainSqlRules {

    /** Calls to jOOQ methods annotated {@link PlainSQL} (they take SQL text). */
    public static final DescribedPredicate<JavaCall<?>> PLAIN_SQL = DescribedPredicate.describe(
            "jOOQ's @PlainSQL API",
            call -> call.getTarget().isAnnotatedWith(PlainSQL.class)
                    || call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(PlainSQL.class)).orElse(false));

    /** Calls to JDBC methods that take SQL text. */
    public static final DescribedPredicate<JavaCall<?>> JDBC_SQL = DescribedPredicate.describe(
            "JDBC methods taking SQL text",
            call -> call.getTargetOwner().isAssignableTo(java.sql.Statement.class)
                    && call.getName().startsWith("execute")
                    && !call.getTarget().getRawParameterTypes().isEmpty()
                    || call.getTargetOwner().isAssignableTo(java.sql.Connection.class)
                    && (call.getName().equals("prepareStatement") || call.getName().equals("prepareCall")
                    || call.getName().equals("nativeSQL")));

    private PlainSqlRules() {
    }

    /**
     * No class outside the allow-list calls a SQL-text API.
     *
     * @param allowed fully qualified class names or package prefixes ending in {@code ..}, each with the reason
     * @return the rule
     */
    public static ArchRule noSqlTextOutside(Map<String, String> allowed) {
        DescribedPredicate<JavaClass> allowListed = DescribedPredicate.describe("allow-listed " + allowed.keySet(),
                type -> allowed.keySet().stream().anyMatch(entry -> entry.endsWith("..")
                        ? type.getPackageName().startsWith(entry.substring(0, entry.length() - 2))
                        : type.getName().equals(entry) || type.getName().startsWith(entry + "$")));
        return noClasses()
                .that(DescribedPredicate.not(allowListed))
                .should().callCodeUnitWhere(PLAIN_SQL)
                .orShould().callCodeUnitWhere(JDBC_SQL)
                .because("SQL is built from generated fields, bind values and DSL.name, never from strings");
    }
}
