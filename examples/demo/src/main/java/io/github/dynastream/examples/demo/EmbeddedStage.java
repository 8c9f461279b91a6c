package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.DeadLetter;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.enhanced.SdkAttributeValues;
import io.github.dynastream.examples.orderaudit.AuditLog;
import io.github.dynastream.examples.orderaudit.InMemoryAuditLog;
import io.github.dynastream.examples.readmodel.CustomerOrdersStore;
import io.github.dynastream.examples.readmodel.InMemoryCustomerOrdersStore;
import io.github.dynastream.examples.replication.InMemoryReplicaStore;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.s3ingest.DynamoDbTableWriter;
import io.github.dynastream.examples.s3ingest.InMemoryObjectSource;
import io.github.dynastream.examples.s3ingest.InMemoryReportSink;
import io.github.dynastream.examples.s3ingest.IngestedRow;
import io.github.dynastream.examples.s3ingest.ObjectSource;
import io.github.dynastream.examples.s3ingest.ReportSink;
import io.github.dynastream.examples.s3ingest.TableWriter;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.examples.ttlarchive.InMemoryArchiveStore;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The story in-process: each table's stream is written with the testkit's DSL as DynamoDB would
 * write it, the mappings are the testkit's simulator of Lambda's rules, and the functions write to
 * the examples' in-memory tables and buckets.
 */
final class EmbeddedStage implements Stage {
    /** A table: its stream so far and its items, for the before-images of the next changes. */
    private record Table(
            TestTable table, TestStream stream, Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items) {}

    private final Map<String, Table> tables = new HashMap<>();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final InMemoryCustomerOrdersStore projections = new InMemoryCustomerOrdersStore();
    private final InMemoryReplicaStore replica = new InMemoryReplicaStore();
    private final InMemoryArchiveStore archive = new InMemoryArchiveStore();
    private final IdempotencyStore idempotency = IdempotencyStore.inMemory();
    private final InMemoryObjectSource bucket = new InMemoryObjectSource();
    private final InMemoryReportSink reports = new InMemoryReportSink();

    @Override
    public String description() {
        return "embedded: the testkit's in-process tables and streams, Lambda's rules from its simulator";
    }

    @Override
    public void createTable(String name, String partitionKey, String sortKey, StreamViewType viewType) {
        TestTable.Builder builder =
                StreamEvents.table(name).partitionKey(partitionKey).viewType(viewType);
        if (sortKey != null) {
            builder.sortKey(sortKey);
        }
        TestTable table = builder.build();
        tables.put(name, new Table(table, table.stream(), new HashMap<>()));
    }

    private Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalStateException("no table [" + name + "]");
        }
        return table;
    }

    private Map<String, AttributeValue> keyOf(Table table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(table.table().partitionKey(), item.get(table.table().partitionKey()));
        table.table().sortKey().ifPresent(sort -> key.put(sort, item.get(sort)));
        return key;
    }

    @Override
    public void put(String name, Map<String, AttributeValue> item) {
        Table table = table(name);
        Map<String, AttributeValue> before = table.items().put(keyOf(table, item), item);
        if (before == null) {
            table.stream().insert(SdkAttributeValues.fromSdk(item));
        } else if (!before.equals(item)) { // DynamoDB writes no record for a write that changes nothing
            table.stream().modify(SdkAttributeValues.fromSdk(before), SdkAttributeValues.fromSdk(item));
        }
    }

    @Override
    public void delete(String name, Map<String, AttributeValue> key) {
        Table table = table(name);
        Map<String, AttributeValue> before = table.items().remove(key);
        if (before != null) {
            table.stream().remove(SdkAttributeValues.fromSdk(before));
        }
    }

    @Override
    public String expire(String name, Map<String, AttributeValue> key) {
        Table table = table(name);
        Map<String, AttributeValue> before = table.items().remove(key);
        if (before != null) {
            table.stream().ttlExpire(SdkAttributeValues.fromSdk(before));
        }
        return "DynamoDB's TTL deletes it";
    }

    @Override
    public Optional<DynamoDbClient> dynamoDb() {
        return Optional.empty();
    }

    @Override
    public String tableName(String table) {
        return table;
    }

    @Override
    public String bucketName() {
        return BUCKET;
    }

    @Override
    public List<String> cleanUp() {
        return List.of();
    }

    @Override
    public Simulation deliver(
            String name, int maximumRetryAttempts, Function<DynamodbEvent, StreamsEventResponse> function) {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(maximumRetryAttempts)
                .bisectBatchOnFunctionError(true)
                .build()
                .run(table(name).stream(), function);
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
    public IdempotencyStore idempotency(String keyPrefix) {
        return idempotency;
    }

    @Override
    public DeadLetterSink deadLetters() {
        return (DeadLetter letter) -> {}; // the account hears of dead letters from the processor's listener
    }

    @Override
    public void upload(String key, String contentType, String content) {
        bucket.put(BUCKET, key, contentType, content);
    }

    @Override
    public ObjectSource bucket() {
        return bucket;
    }

    /** The rows go into the stage's table, whose stream DynamoDB would write for them. */
    @Override
    public TableWriter rows(String name) {
        return (List<IngestedRow> chunk) -> chunk.forEach(row -> put(name, DynamoDbTableWriter.toItem(row)));
    }

    @Override
    public ReportSink reports() {
        return reports;
    }

    @Override
    public void close() {}
}
