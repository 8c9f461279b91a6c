package io.github.dynastream.examples.replication;

import io.github.dynastream.DynamoDbStreamHandler;

/**
 * The Lambda entry point ({@code io.github.dynastream.examples.replication.ReplicationHandler::handleRequest}):
 * reads the raw event JSON and copies each change to the replica that {@link ReplicaConfig} finds in
 * the environment.
 *
 * <pre>{@code
 * // in a test, with any ReplicaStore:
 * new ReplicationHandler(new InMemoryReplicaStore()).handleRequest(eventJson, output, context);
 * }</pre>
 */
public class ReplicationHandler extends DynamoDbStreamHandler {
    /** Built once per execution environment, from {@code REPLICA_TABLE}, {@code REPLICA_REGION}, {@code REPLICA_ROLE_ARN}. */
    public ReplicationHandler() {
        this(fromEnvironment());
    }

    /** @param replica where changes are copied to */
    public ReplicationHandler(ReplicaStore replica) {
        super(Replication.processor(replica));
    }

    private static ReplicaStore fromEnvironment() {
        ReplicaConfig config = ReplicaConfig.fromEnvironment(System.getenv());
        return new DynamoDbReplicaStore(config.client(), config.tableName());
    }
}
