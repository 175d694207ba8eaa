/**
 * Benchmarks of lumen-db against hand-written JDBC, pgjdbc COPY and pgbench: JMH benchmark classes (one per
 * scenario, a lumen-db method and a JDBC method sharing one embedded PostgreSQL and one pool), a paired harness
 * that alternates the two bodies in short rounds, and the report generator that writes
 * {@code src/docs/benchmarks.json}, {@code .md} and {@code .png}. Entry point: {@link dev.lumen.db.bench.BenchMain}.
 */
@NullMarked
package dev.lumen.db.bench;

import org.jspecify.annotations.NullMarked;
