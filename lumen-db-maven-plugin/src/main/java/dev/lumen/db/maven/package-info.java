/**
 * The {@code lumen-db} Maven plugin: migrations in, compile-checked jOOQ classes out.
 *
 * <p>{@link dev.lumen.db.maven.LintMojo} lints the migrations first ({@code lumen-db-lint}).
 * {@link dev.lumen.db.maven.GenerateMojo} is the code generator's Maven face; {@link dev.lumen.db.maven.SchemaGenerator}
 * does the work (throwaway PostgreSQL, Flyway, jOOQ code generation) and can be driven without Maven.
 */
@NullMarked
package dev.lumen.db.maven;

import org.jspecify.annotations.NullMarked;
