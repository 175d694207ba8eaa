/**
 * Real PostgreSQL clusters for tests, without Docker: a primary and streaming replicas started from the embedded
 * PostgreSQL binaries on loopback ports ({@link dev.lumen.db.test.cluster.PostgresCluster}), with controls to pause
 * replay, cut replication, promote and crash; and PgBouncer processes in front of them
 * ({@link dev.lumen.db.test.cluster.PgBouncer}). Every process is stopped and every data directory deleted when
 * the JVM exits, and a watchdog stops the processes even when the JVM is killed.
 */
@NullMarked
package dev.lumen.db.test.cluster;

import org.jspecify.annotations.NullMarked;
