package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import io.github.dynastream.examples.orderaudit.AuditLog;
import io.github.dynastream.examples.orderaudit.DynamoDbAuditLog;
import io.github.dynastream.examples.payments.DeadLetterTable;
import io.github.dynastream.examples.readmodel.CustomerOrdersStore;
import io.github.dynastream.examples.readmodel.DynamoDbCustomerOrdersStore;
import io.github.dynastream.examples.replication.DynamoDbReplicaStore;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.s3ingest.DynamoDbTableWriter;
import io.github.dynastream.examples.s3ingest.ObjectSource;
import io.github.dynastream.examples.s3ingest.ReportSink;
import io.github.dynastream.examples.s3ingest.S3ObjectSource;
import io.github.dynastream.examples.s3ingest.S3ReportSink;
import io.github.dynastream.examples.s3ingest.TableWriter;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.examples.ttlarchive.S3ArchiveStore;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The story on a real AWS API: moto started for it, or an endpoint you run. The story's writes are
 * real writes to tables with streams and a bucket; each function reads its table's stream through
 * the testkit's local stream runner, with the same rules as the embedded stage, and writes to real
 * tables and buckets.
 */
final class AwsStage implements Stage {
    private static final String REPLICA = "OrdersReplica";
    private static final String ARCHIVE = "order-archive";

    private final LocalAws aws;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;

    AwsStage(LocalAws aws) {
        this.aws = aws;
        this.dynamoDb = aws.dynamoDb();
        this.s3 = aws.s3();
        aws.reset();
        dynamoDb.createTable(table(REPLICA, "id", null).build());
        dynamoDb.createTable(DynamoDbAuditLog.createTableRequest("OrderAudit"));
        dynamoDb.createTable(DynamoDbCustomerOrdersStore.createTableRequest("CustomerOrders"));
        DynamoDbIdempotencyStore.createTable(dynamoDb, "idempotency");
        dynamoDb.createTable(table("dead-letters", "eventId", null).build());
        s3.createBucket(r -> r.bucket(ARCHIVE));
        s3.createBucket(r -> r.bucket(BUCKET));
    }

    private static CreateTableRequest.Builder table(String name, String partitionKey, String sortKey) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder()
                .attributeName(partitionKey)
                .attributeType(ScalarAttributeType.S)
                .build());
        keys.add(KeySchemaElement.builder()
                .attributeName(partitionKey)
                .keyType(KeyType.HASH)
                .build());
        if (sortKey != null) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(sortKey)
                    .attributeType(sortKey.equals("line") ? ScalarAttributeType.N : ScalarAttributeType.S)
                    .build());
            keys.add(KeySchemaElement.builder()
                    .attributeName(sortKey)
                    .keyType(KeyType.RANGE)
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keys);
    }

    @Override
    public String description() {
        return (aws.startedMoto() ? "moto, started on " : "the endpoint ") + aws.endpoint()
                + ": real tables, streams and buckets, Lambda's rules from the testkit's local stream runner";
    }

    @Override
    public void createTable(String name, String partitionKey, String sortKey, StreamViewType viewType) {
        dynamoDb.createTable(table(name, partitionKey, sortKey)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType.name()))
                .build());
    }

    @Override
    public void put(String table, Map<String, AttributeValue> item) {
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public void delete(String table, Map<String, AttributeValue> key) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(key));
    }

    @Override
    public boolean expire(String table, Map<String, AttributeValue> key) {
        return false;
    }

    @Override
    public Simulation deliver(
            String table, int maximumRetryAttempts, Function<DynamodbEvent, StreamsEventResponse> function) {
        try (LocalStreamRunner runner = LocalStreamRunner.builder()
                .streams(aws.dynamoDbStreams())
                .table(dynamoDb, table)
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(maximumRetryAttempts)
                .bisectBatchOnFunctionError(true)
                .build()) {
            return runner.drain(function);
        }
    }

    @Override
    public AuditLog auditLog() {
        return new DynamoDbAuditLog(dynamoDb, "OrderAudit");
    }

    @Override
    public CustomerOrdersStore projections() {
        return new DynamoDbCustomerOrdersStore(dynamoDb, "CustomerOrders");
    }

    @Override
    public ReplicaStore replica() {
        return new DynamoDbReplicaStore(dynamoDb, REPLICA);
    }

    @Override
    public List<String> replicaItems() {
        List<String> lines = new ArrayList<>();
        for (Map<String, AttributeValue> item :
                dynamoDb.scan(r -> r.tableName(REPLICA).consistentRead(true)).items()) {
            lines.add(Stage.describeReplica(
                    item.get("id").s(), item.get("version").n(), item.containsKey(DynamoDbReplicaStore.TOMBSTONE)));
        }
        lines.sort(null);
        return lines;
    }

    @Override
    public ArchiveStore archive() {
        return new S3ArchiveStore(s3, ARCHIVE);
    }

    @Override
    public List<String> archivedKeys() {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2(r -> r.bucket(ARCHIVE)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Override
    public IdempotencyStore idempotency(String keyPrefix) {
        return DynamoDbIdempotencyStore.builder()
                .client(dynamoDb)
                .tableName("idempotency")
                .keyPrefix(keyPrefix)
                .build();
    }

    @Override
    public DeadLetterSink deadLetters() {
        return new DeadLetterTable(dynamoDb, "dead-letters");
    }

    @Override
    public void upload(String key, String contentType, String content) {
        s3.putObject(r -> r.bucket(BUCKET).key(key).contentType(contentType), RequestBody.fromString(content));
    }

    @Override
    public ObjectSource bucket() {
        return new S3ObjectSource(s3);
    }

    @Override
    public TableWriter rows(String table) {
        return new DynamoDbTableWriter(dynamoDb, table);
    }

    @Override
    public ReportSink reports() {
        return new S3ReportSink(s3, BUCKET, "reports/");
    }

    @Override
    public void close() {
        aws.close();
    }
}
