package io.github.dynastream.examples.replication;

import io.github.dynastream.ProcessingListener;
import io.github.dynastream.StreamProcessor;

/**
 * How the replication function is wired, apart from where the replica is: the Lambda handler ({@link
 * ReplicationHandler}) and the tests build the same processor.
 *
 * <pre>{@code
 * InMemoryReplicaStore replica = new InMemoryReplicaStore();
 * StreamProcessor processor = Replication.processor(replica);
 * processor.process(eventJson);
 * replica.item(Map.of("id", AttributeValue.s("p-1")));   // what the replica holds now
 * }</pre>
 */
public final class Replication {
    private Replication() {}

    /**
     * The processor: records run one at a time in stream order (the default), each copied with a
     * conditional write. It needs no idempotency store: a change delivered twice meets a replica that
     * already holds its version, and the conditional write turns it away.
     *
     * @param replica where changes are copied to
     */
    public static StreamProcessor processor(ReplicaStore replica) {
        return StreamProcessor.builder().handler(new ReplicationEvents(replica)).build();
    }

    /**
     * The same processor, reporting each record's outcome to the listener (metrics, tests, the demo).
     *
     * @param replica where changes are copied to
     * @param listener receives every record outcome and batch summary
     */
    public static StreamProcessor processor(ReplicaStore replica, ProcessingListener listener) {
        return StreamProcessor.builder()
                .handler(new ReplicationEvents(replica))
                .listener(listener)
                .build();
    }
}
