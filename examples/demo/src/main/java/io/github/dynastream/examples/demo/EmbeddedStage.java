package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.enhanced.SdkAttributeValues;
import io.github.dynastream.examples.orderaudit.AuditLog;
import io.github.dynastream.examples.orderaudit.InMemoryAuditLog;
import io.github.dynastream.examples.readmodel.CustomerOrdersStore;
import io.github.dynastream.examples.readmodel.InMemoryCustomerOrdersStore;
import io.github.dynastream.examples.replication.InMemoryReplicaStore;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.examples.ttlarchive.InMemoryArchiveStore;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The story in-process: the Orders stream is written with the testkit's DSL as DynamoDB would
 * write it, the mappings are the testkit's simulator of Lambda's rules, the functions' tables are
 * the examples' in-memory ones.
 */
final class EmbeddedStage implements Stage {
    private final TestStream stream =
            StreamEvents.table("Orders")
                    .partitionKey("id")
                    .viewType(StreamViewType.NEW_AND_OLD_IMAGES)
                    .build()
                    .stream();
    private final Map<String, Map<String, io.github.dynastream.AttributeValue>> items = new HashMap<>();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final InMemoryCustomerOrdersStore projections = new InMemoryCustomerOrdersStore();
    private final InMemoryReplicaStore replica = new InMemoryReplicaStore();
    private final InMemoryArchiveStore archive = new InMemoryArchiveStore();

    @Override
    public String description() {
        return "embedded: the testkit's in-process Orders stream, Lambda's rules from its simulator";
    }

    @Override
    public void put(Map<String, AttributeValue> item) {
        Map<String, io.github.dynastream.AttributeValue> image = SdkAttributeValues.fromSdk(item);
        String id = item.get("id").s();
        Map<String, io.github.dynastream.AttributeValue> before = items.put(id, image);
        if (before == null) {
            stream.insert(image);
        } else {
            stream.modify(before, image);
        }
    }

    @Override
    public void delete(String id) {
        stream.remove(items.remove(id));
    }

    @Override
    public boolean expire(String id) {
        stream.ttlExpire(items.remove(id));
        return true;
    }

    @Override
    public Simulation deliver(Function<DynamodbEvent, StreamsEventResponse> function) {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(2)
                .bisectBatchOnFunctionError(true)
                .build()
                .run(stream, function);
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public CustomerOrdersStore projections() {
        return projections;
    }

    @Override
    public ReplicaStore replica() {
        return replica;
    }

    @Override
    public List<String> replicaItems() {
        List<String> lines = new ArrayList<>();
        replica.entries()
                .forEach((key, entry) -> lines.add(Stage.describeReplica(
                        SdkAttributeValues.toSdk(key).get("id").s(),
                        entry.version().toPlainString(),
                        entry.isTombstone())));
        lines.sort(null);
        return lines;
    }

    @Override
    public ArchiveStore archive() {
        return archive;
    }

    @Override
    public List<String> archivedKeys() {
        return new ArrayList<>(archive.objects().keySet());
    }

    @Override
    public void close() {}
}
