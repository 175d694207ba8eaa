/**
 * Real-PostgreSQL test support: annotate a test class with {@link dev.lumen.db.test.LumenDbTest} and take a
 * {@link dev.lumen.db.test.TestDatabase} parameter. One server per JVM (embedded, or the server named by
 * {@code LUMEN_DB_TEST_URL}), one migrated template, one fresh database per test class.
 */
@NullMarked
package dev.lumen.db.test;

import org.jspecify.annotations.NullMarked;
