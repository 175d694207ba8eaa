package dev.lumen.db.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jooqConfiguration} codegen XML: merged over lumen-db's defaults, refused where lumen-db is in control
 * (with file, line and element), part of the up-to-date fingerprint; and lumen-db's own customisations.
 */
class JooqConfigurationTest {

    private static final String NS = "http://www.jooq.org/xsd/jooq-codegen-3.21.0.xsd";

    @TempDir
    Path project;

    Path migrations;
    Path output;
    Path sources;
    Path codegen;

    @BeforeEach
    void layOutProject() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        output = project.resolve("target/generated-sources/jooq");
        sources = Files.createDirectories(project.resolve("src/main/java"));
        codegen = project.resolve("src/main/jooq/codegen.xml");
        Files.createDirectories(codegen.getParent());
        Files.writeString(migrations.resolve("V1__create_addresses.sql"), """
                CREATE TABLE addresses (
                    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
                    status     text        NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    deleted_at timestamptz
                );
                CREATE TABLE categories (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
                """);
    }

    private GeneratorSettings settings(boolean withFile) {
        return new GeneratorSettings(migrations, output, project.resolve("target/lumen-db"), "com.example.db",
                "public", List.of(GeneratorSettings.FLYWAY_HISTORY_TABLE), DatabaseProvider.EMBEDDED, null, null, null,
                GeneratorSettings.DEFAULT_IMAGE, false)
                .withJooqConfiguration(withFile ? codegen : null, List.of(sources));
    }

    private String generated(String relative) throws IOException {
        return Files.readString(output.resolve("com/example/db/" + relative));
    }

    private static String file(String generatorBody) {
        return "<configuration xmlns=\"" + NS + "\">\n  <generator>\n" + generatorBody + "  </generator>\n</configuration>\n";
    }

    private static final class Log implements BuildLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }
    }

    @Test
    void whenNoFileIsGivenThenLumenDbsCustomisationsApply() throws IOException {
        SchemaGenerator.run(settings(false), new Log());

        assertThat(generated("tables/pojos/Address.java"))
                .contains("public record Address(")
                .contains("implements SoftDeletable, Timestamped, Serializable");
        assertThat(generated("tables/records/AddressesRecord.java"))
                .contains("SoftDeletable, Timestamped")
                .contains("public OffsetDateTime deletedAt() {", "return getDeletedAt();",
                        "public OffsetDateTime createdAt() {", "public OffsetDateTime updatedAt() {");
        assertThat(generated("tables/Addresses.java"))
                .contains("SoftDeleteTable<AddressesRecord>", "TimestampedTable<AddressesRecord>")
                .contains("public TableField<AddressesRecord, OffsetDateTime> deletedAtColumn() {", "return DELETED_AT;");
        // categories has created_at but no updated_at: not Timestamped; and its POJO is Category, not Categorie
        assertThat(generated("tables/pojos/Category.java")).contains("public record Category(")
                .doesNotContain("Timestamped").doesNotContain("SoftDeletable");
    }

    @Test
    void whenTheFileSetsForcedTypesMatchersFlagsAndSwitchesThenTheyAreMergedOverTheDefaults() throws IOException {
        Files.createDirectories(sources.resolve("com/example"));
        Files.writeString(sources.resolve("com/example/Status.java"), "package com.example; public enum Status { LIVE }");
        Files.writeString(sources.resolve("com/example/Named.java"), "package com.example; public interface Named {}");
        Files.writeString(codegen, file("""
                    <strategy>
                      <matchers>
                        <tables>
                          <table>
                            <expression>addresses</expression>
                            <pojoImplements>com.example.Named</pojoImplements>
                          </table>
                        </tables>
                      </matchers>
                    </strategy>
                    <database>
                      <excludes>categories</excludes>
                      <properties>
                        <property><key>lumen.timestamped</key><value>false</value></property>
                      </properties>
                      <forcedTypes>
                        <forcedType>
                          <userType>com.example.Status</userType>
                          <enumConverter>true</enumConverter>
                          <includeExpression>addresses\\.status</includeExpression>
                        </forcedType>
                      </forcedTypes>
                    </database>
                    <generate>
                      <fluentSetters>false</fluentSetters>
                    </generate>
                """));

        SchemaGenerator.run(settings(true), new Log());

        String pojo = generated("tables/pojos/Address.java");
        assertThat(pojo).contains("Status status", "Named", "SoftDeletable").doesNotContain("Timestamped");
        assertThat(generated("tables/Addresses.java")).contains("EnumConverter");
        assertThat(generated("tables/records/AddressesRecord.java")).contains("public void setStatus(");
        assertThat(output.resolve("com/example/db/tables/Categories.java")).doesNotExist();
        assertThat(output.resolve("com/example/db/tables/FlywaySchemaHistory.java")).doesNotExist();
    }

    @Test
    void whenTheFileSetsTheJdbcUrlThenTheBuildFailsNamingFileLineAndElement() throws IOException {
        Files.writeString(codegen, "<configuration xmlns=\"" + NS + "\">\n  <jdbc>\n"
                + "    <url>jdbc:postgresql://prod/app</url>\n  </jdbc>\n  <generator/>\n</configuration>\n");

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(true), new Log()))
                .withMessageStartingWith(codegen + ":2: <jdbc> (/configuration/jdbc) is set by lumen-db");
    }

    @Test
    void whenTheFileSetsTheTargetDirectoryOrTheInputSchemaThenTheBuildFailsNamingThem() throws IOException {
        Files.writeString(codegen, file("""
                    <target>
                      <directory>src/main/java</directory>
                    </target>
                """));
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(true), new Log()))
                .withMessageStartingWith(codegen + ":4: <directory> (/configuration/generator/target/directory) is set"
                        + " by lumen-db")
                .withMessageContaining("<outputDirectory>");

        Files.writeString(codegen, file("""
                    <database>
                      <inputSchema>other</inputSchema>
                    </database>
                """));
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(true), new Log()))
                .withMessageStartingWith(codegen + ":4: <inputSchema> (/configuration/generator/database/inputSchema)");
    }

    @Test
    void whenTheFileHasAnUnknownElementThenTheBuildFailsNamingFileLineAndElement() throws IOException {
        Files.writeString(codegen, file("""
                    <database>
                      <forcedTypez/>
                    </database>
                """));

        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(true), new Log()))
                .withMessage(codegen + ":4: <forcedTypez> in <database> is not valid jOOQ codegen XML"
                        + " (jooq-codegen-3.21.1.xsd): no such element there");
        assertThat(output).doesNotExist();
    }

    @Test
    void whenTheFileNamesAClassThatCannotBeFoundThenTheBuildFailsNamingFileAndLine() throws IOException {
        Files.writeString(codegen, file("""
                    <name>com.example.MissingGenerator</name>
                """));
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(true), new Log()))
                .withMessageStartingWith(codegen + ":3: class com.example.MissingGenerator cannot be loaded");

        Files.writeString(codegen, file("""
                    <database>
                      <forcedTypes>
                        <forcedType>
                          <userType>com.example.Money</userType>
                          <converter>com.example.MoneyConverter</converter>
                          <includeTypes>numeric</includeTypes>
                        </forcedType>
                      </forcedTypes>
                    </database>
                """));
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> SchemaGenerator.run(settings(true), new Log()))
                .withMessageStartingWith(codegen + ":6: class com.example.Money (in <userType>) cannot be found");
    }

    @Test
    void whenTheFileChangesThenTheSchemaRegeneratesAndWhenItIsUnchangedThenNoDatabaseStarts() throws IOException {
        Files.writeString(codegen, file("""
                    <generate>
                      <fluentSetters>true</fluentSetters>
                    </generate>
                """));
        assertThat(SchemaGenerator.run(settings(true), new Log()).regenerated()).isTrue();

        Log unchanged = new Log();
        assertThat(SchemaGenerator.run(settings(true), unchanged).regenerated()).isFalse();
        assertThat(unchanged.lines).singleElement().asString().startsWith("Schema is up to date");

        Files.writeString(codegen, file("""
                    <generate>
                      <fluentSetters>false</fluentSetters>
                    </generate>
                """));
        Log changed = new Log();
        assertThat(SchemaGenerator.run(settings(true), changed).regenerated()).isTrue();
        assertThat(changed.lines).anyMatch(line -> line.startsWith("Started embedded"));
        assertThat(generated("tables/records/AddressesRecord.java")).contains("public void setStatus(");
    }

    @Test
    void whenPojoNamesAreConfiguredThenTheyWinOverTheInflector() throws IOException {
        SchemaGenerator.run(settings(false).withPojoNames(Map.of("addresses", "PostalAddress")), new Log());

        assertThat(generated("tables/pojos/PostalAddress.java")).contains("public record PostalAddress(");
        assertThat(output.resolve("com/example/db/tables/pojos/Address.java")).doesNotExist();
    }

    @Test
    void whenTheGeneratorOrItsClassesChangeThenTheFingerprintChangesWithoutStartingADatabase() throws IOException {
        JooqConfiguration lumen = JooqConfiguration.prepare(settings(false));
        // lumen-db's generator is hashed with its helpers (its class folder or jar), so editing them regenerates
        assertThat(lumen.classes().keySet()).contains("dev.lumen.db.codegen.LumenJavaGenerator")
                .anyMatch(name -> name.contains("LumenGeneratorStrategy") || name.startsWith("jar:"));
        Files.writeString(codegen, file("""
                    <name>org.jooq.codegen.JavaGenerator</name>
                """));

        InputFingerprint plain = InputFingerprint.of(settings(true));

        assertThat(plain.value()).isNotEqualTo(InputFingerprint.of(settings(false)).value());
        assertThat(JooqConfiguration.prepare(settings(true)).configuration().getGenerator().getName())
                .isEqualTo("org.jooq.codegen.JavaGenerator");
    }

    @Test
    void whenTheFileAsksToIgnoreFailuresOrNamesAMissingStrategyThenTheBuildFails() throws IOException {
        Files.writeString(codegen, "<configuration xmlns=\"" + NS + "\">\n  <onError>LOG</onError>\n"
                + "  <generator/>\n</configuration>\n");
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> JooqConfiguration.prepare(settings(true)))
                .withMessageStartingWith(codegen + ":2: <onError> (/configuration/onError) is set by lumen-db");

        Files.writeString(codegen, file("""
                    <strategy>
                      <name>com.example.MissingStrategy</name>
                    </strategy>
                """));
        assertThatExceptionOfType(SchemaGenerationException.class)
                .isThrownBy(() -> JooqConfiguration.prepare(settings(true)))
                .withMessageStartingWith(codegen + ":4: class com.example.MissingStrategy cannot be loaded");
    }
}
