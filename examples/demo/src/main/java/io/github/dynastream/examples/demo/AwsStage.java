package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.examples.orderaudit.AuditLog;
import io.github.dynastream.examples.orderaudit.DynamoDbAuditLog;
import io.github.dynastream.examples.readmodel.CustomerOrdersStore;
import io.github.dynastream.examples.readmodel.DynamoDbCustomerOrdersStore;
import io.github.dynastream.examples.replication.DynamoDbReplicaStore;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.examples.ttlarchive.S3ArchiveStore;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The story on a real DynamoDB API: moto started for it, or an endpoint you run. The story's writes
 * are real writes to an Orders table with a stream; each function reads that stream through the
 * testkit's local stream runner, with the same rules as the embedded stage.
 */
final class AwsStage implements Stage {
    private static final String ORDERS = "Orders";
    private static final String REPLICA = "OrdersReplica";
    private static final String BUCKET = "order-archive";

    private final LocalAws aws;
    private final DynamoDbClient dynamoDb;
    private final AuditLog auditLog;
    private final CustomerOrdersStore projections;
    private final ReplicaStore replica;
    private final S3Client s3;
    private final ArchiveStore archive;

    AwsStage(LocalAws aws) {
        this.aws = aws;
        this.dynamoDb = aws.dynamoDb();
        aws.reset();
        createTable(ORDERS, true);
        createTable(REPLICA, false);
        dynamoDb.createTable(DynamoDbAuditLog.createTableRequest("OrderAudit"));
        dynamoDb.createTable(DynamoDbCustomerOrdersStore.createTableRequest("CustomerOrders"));
        this.auditLog = new DynamoDbAuditLog(dynamoDb, "OrderAudit");
        this.projections = new DynamoDbCustomerOrdersStore(dynamoDb, "CustomerOrders");
        this.replica = new DynamoDbReplicaStore(dynamoDb, REPLICA);
        this.s3 = aws.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        this.archive = new S3ArchiveStore(s3, BUCKET);
    }

    private void createTable(String name, boolean stream) {
        dynamoDb.createTable(r -> {
            r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("id")
                            .keyType(KeyType.HASH)
                            .build());
            if (stream) {
                r.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
    }

    @Override
    public String description() {
        return (aws.startedMoto() ? "moto, started on " : "the endpoint ") + aws.endpoint()
                + ": real tables and streams, Lambda's rules from the testkit's local stream runner";
    }

    @Override
    public void put(Map<String, AttributeValue> item) {
        dynamoDb.putItem(r -> r.tableName(ORDERS).item(item));
    }

    @Override
    public void delete(String id) {
        dynamoDb.deleteItem(r -> r.tableName(ORDERS).key(Map.of("id", AttributeValue.fromS(id))));
    }

    @Override
    public boolean expire(String id) {
        return false;
    }

    @Override
    public Simulation deliver(Function<DynamodbEvent, StreamsEventResponse> function) {
        try (LocalStreamRunner runner = LocalStreamRunner.builder()
                .streams(aws.dynamoDbStreams())
                .table(dynamoDb, ORDERS)
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(2)
                .bisectBatchOnFunctionError(true)
                .build()) {
            return runner.drain(function);
        }
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
        return archive;
    }

    @Override
    public List<String> archivedKeys() {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2(r -> r.bucket(BUCKET)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Override
    public void close() {
        aws.close();
    }
}
