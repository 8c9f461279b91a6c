package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import io.github.dynastream.enhanced.SdkAttributeValues;
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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * real writes to tables with streams and a bucket; each function's event source mapping reads its
 * table's real stream with the testkit's local stream runner and delivers it with Lambda's rules
 * (the simulator's, which the runner shares), and the functions write to real tables and buckets.
 *
 * <p>moto does not delete expired items, so an expiry is a real DeleteItem whose REMOVE record the
 * local stream runner delivers with the identity DynamoDB's TTL writes on its deletes ({@code
 * userIdentity {type: Service, principalId: dynamodb.amazonaws.com}}; {@code
 * LocalStreamRunner.Builder.timeToLiveDeletes}).
 *
 * <p>On moto it started, every name is the story's own and nothing is removed: moto's state dies
 * with it. On an endpoint you named, nothing there is reset or touched: every table and bucket the
 * demo creates has a suffix unique to the run ({@code Orders-1a2b3c4d}), and {@link #cleanUp}
 * deletes exactly those (and the objects the demo wrote into its own buckets).
 */
final class AwsStage implements Stage {
    private static final String REPLICA = "OrdersReplica";
    private static final String IDEMPOTENCY = "idempotency";
    private static final String DEAD_LETTERS = "dead-letters";
    private static final String ARCHIVE = "order-archive";

    private final LocalAws aws;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final String suffix;
    private final List<String> createdTables = new ArrayList<>();
    private final List<String> createdBuckets = new ArrayList<>();
    private final Map<String, Set<Map<String, io.github.dynastream.AttributeValue>>> expired = new HashMap<>();
    private boolean cleanedUp;

    AwsStage(LocalAws aws) {
        this.aws = aws;
        this.dynamoDb = aws.dynamoDb();
        this.s3 = aws.s3();
        this.suffix = aws.startedMoto() ? "" : "-" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        try {
            createTable(table(tableName(REPLICA), "id", null).build());
            createTable(DynamoDbAuditLog.createTableRequest(tableName(AUDIT_TABLE)));
            createTable(DynamoDbCustomerOrdersStore.createTableRequest(tableName(PROJECTION_TABLE)));
            createdTables.add(tableName(IDEMPOTENCY));
            DynamoDbIdempotencyStore.createTable(dynamoDb, tableName(IDEMPOTENCY));
            createTable(table(tableName(DEAD_LETTERS), "eventId", null).build());
            createBucket(named(ARCHIVE));
            createBucket(bucketName());
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private void createTable(CreateTableRequest request) {
        createdTables.add(request.tableName());
        dynamoDb.createTable(request);
    }

    private void createBucket(String bucket) {
        createdBuckets.add(bucket);
        s3.createBucket(r -> r.bucket(bucket));
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
                + ": real tables, streams and buckets, Lambda's rules from the testkit's local stream runner"
                + (suffix.isEmpty() ? "" : "; the demo's tables and buckets end in " + suffix);
    }

    @Override
    public String tableName(String table) {
        return named(table);
    }

    private String named(String name) {
        return name + suffix;
    }

    @Override
    public String bucketName() {
        return BUCKET + suffix;
    }

    @Override
    public Optional<DynamoDbClient> dynamoDb() {
        return Optional.of(dynamoDb);
    }

    @Override
    public void createTable(String name, String partitionKey, String sortKey, StreamViewType viewType) {
        createTable(table(tableName(name), partitionKey, sortKey)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType.name()))
                .build());
    }

    @Override
    public void put(String table, Map<String, AttributeValue> item) {
        dynamoDb.putItem(r -> r.tableName(tableName(table)).item(item));
    }

    @Override
    public void delete(String table, Map<String, AttributeValue> key) {
        dynamoDb.deleteItem(r -> r.tableName(tableName(table)).key(key));
    }

    @Override
    public String expire(String table, Map<String, AttributeValue> key) {
        delete(table, key);
        expired.computeIfAbsent(table, t -> new HashSet<>()).add(SdkAttributeValues.fromSdk(key));
        return "a local endpoint expires nothing by TTL, so the demo deletes it and the local stream runner"
                + " delivers the REMOVE record as DynamoDB's TTL writes it (userIdentity Service dynamodb.amazonaws.com)";
    }

    @Override
    public Simulation deliver(
            String table, int maximumRetryAttempts, Function<DynamodbEvent, StreamsEventResponse> function) {
        Set<Map<String, io.github.dynastream.AttributeValue>> expiredKeys = expired.getOrDefault(table, Set.of());
        try (LocalStreamRunner runner = LocalStreamRunner.builder()
                .streams(aws.dynamoDbStreams())
                .table(dynamoDb, tableName(table))
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(maximumRetryAttempts)
                .bisectBatchOnFunctionError(true)
                .timeToLiveDeletes(record -> expiredKeys.contains(record.keys()))
                .build()) {
            return runner.drain(function);
        }
    }

    @Override
    public AuditLog auditLog() {
        return new DynamoDbAuditLog(dynamoDb, tableName(AUDIT_TABLE));
    }

    @Override
    public CustomerOrdersStore projections() {
        return new DynamoDbCustomerOrdersStore(dynamoDb, tableName(PROJECTION_TABLE));
    }

    @Override
    public ReplicaStore replica() {
        return new DynamoDbReplicaStore(dynamoDb, tableName(REPLICA));
    }

    @Override
    public List<String> replicaItems() {
        List<String> lines = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.scan(
                        r -> r.tableName(tableName(REPLICA)).consistentRead(true))
                .items()) {
            lines.add(Stage.describeReplica(
                    item.get("id").s(), item.get("version").n(), item.containsKey(DynamoDbReplicaStore.TOMBSTONE)));
        }
        lines.sort(null);
        return lines;
    }

    @Override
    public ArchiveStore archive() {
        return new S3ArchiveStore(s3, named(ARCHIVE));
    }

    @Override
    public List<String> archivedKeys() {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2(r -> r.bucket(named(ARCHIVE))).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Override
    public IdempotencyStore idempotency(String keyPrefix) {
        return DynamoDbIdempotencyStore.builder()
                .client(dynamoDb)
                .tableName(tableName(IDEMPOTENCY))
                .keyPrefix(keyPrefix)
                .build();
    }

    @Override
    public DeadLetterSink deadLetters() {
        return new DeadLetterTable(dynamoDb, tableName(DEAD_LETTERS));
    }

    @Override
    public void upload(String key, String contentType, String content) {
        s3.putObject(r -> r.bucket(bucketName()).key(key).contentType(contentType), RequestBody.fromString(content));
    }

    @Override
    public ObjectSource bucket() {
        return new S3ObjectSource(s3);
    }

    @Override
    public TableWriter rows(String table) {
        return new DynamoDbTableWriter(dynamoDb, tableName(table));
    }

    @Override
    public ReportSink reports() {
        return new S3ReportSink(s3, bucketName(), "reports/");
    }

    /**
     * On an endpoint you named: deletes the tables and buckets the demo created (their names end in
     * the run's suffix), and the objects in those buckets. On moto the demo started: nothing, moto's
     * state goes when it stops.
     */
    @Override
    public List<String> cleanUp() {
        cleanedUp = true;
        if (aws.startedMoto()) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        for (String bucket : createdBuckets) {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
            keys.forEach(key -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
            s3.deleteBucket(r -> r.bucket(bucket));
            removed.add("bucket " + bucket + " (" + keys.size() + " object(s))");
        }
        for (String table : createdTables) {
            dynamoDb.deleteTable(r -> r.tableName(table));
            removed.add("table " + table);
        }
        return removed;
    }

    /** Stops moto if the demo started it; after a failure, first removes what the demo created. */
    @Override
    public void close() {
        try {
            if (!cleanedUp) {
                cleanUp();
            }
        } finally {
            aws.close();
        }
    }
}
