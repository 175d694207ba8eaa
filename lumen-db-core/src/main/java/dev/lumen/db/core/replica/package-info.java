/**
 * Scale-out: read replicas behind one router ({@link dev.lumen.db.core.replica.ReplicaRouter}), read-your-writes by
 * WAL position ({@link dev.lumen.db.core.tx.ConsistencyToken}), lag probes with ejection and re-admission, and
 * primary connections that never write to a demoted server ({@link dev.lumen.db.core.replica.PrimaryConnections}).
 */
@NullMarked
package dev.lumen.db.core.replica;

import org.jspecify.annotations.NullMarked;
