/**
 * Replication: every change of a source table copied to a second table, in another region or account,
 * without ever moving an item backwards. The entry point is {@link
 * io.github.dynastream.examples.replication.Replication#processor(ReplicaStore)}; the Lambda handler is
 * {@link io.github.dynastream.examples.replication.ReplicationHandler}.
 */
package io.github.dynastream.examples.replication;
