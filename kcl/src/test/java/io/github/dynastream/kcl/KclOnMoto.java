package io.github.dynastream.kcl;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.LocalAws;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** KCL workers on moto: the clients, a streamed table written by the Enhanced Client, and short KCL timers. */
final class KclOnMoto {
    private KclOnMoto() {}

    /** KCL wants an asynchronous DynamoDB client; it gets the same endpoint, region and credentials. */
    static DynamoDbAsyncClient asyncDynamoDb(LocalAws aws) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(aws.endpoint())
                .region(LocalAws.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(NettyNioAsyncHttpClient.create())
                .build();
    }

    /** Creates the table with a NEW_AND_OLD_IMAGES stream; returns the stream's ARN. */
    static String createStreamedTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build()));
        return dynamoDb.describeTable(b -> b.tableName(name)).table().latestStreamArn();
    }

    /**
     * Writes the lease of the stream's shard into a new lease table, as KCL's first shard sync would.
     * Test setup only: a worker that finds the lease table empty waits a random 1 to 30 s for another
     * worker to fill it before it syncs the shards itself, which alone could use up a test's time.
     */
    static void seedLeaseTable(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String streamArn, String table) {
        dynamoDb.createTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("leaseKey")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("leaseKey")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "leaseKey", AttributeValue.fromS(shardId),
                        "leaseCounter", AttributeValue.fromN("0"),
                        "checkpoint", AttributeValue.fromS("TRIM_HORIZON"),
                        "checkpointSubSequenceNumber", AttributeValue.fromN("0"),
                        "ownerSwitchesSinceCheckpoint", AttributeValue.fromN("0"))));
    }

    static DynamoDbTable<Order> orders(DynamoDbClient dynamoDb, String name) {
        return DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamoDb)
                .build()
                .table(name, TableSchema.fromBean(Order.class));
    }

    /**
     * A worker with the timers that make KCL quick on a local endpoint: leases fail over after 4 s, shards
     * are synced every second, the leader lock lasts 6 s, shards are polled every 250 ms (VERSIONS.md, "Kinesis Client Library").
     */
    static KclWorker.Builder worker(
            LocalAws aws, DynamoDbAsyncClient dynamoDb, String streamArn, String application, StreamProcessor p) {
        return KclWorker.builder()
                .processor(p)
                .streamArn(streamArn)
                .applicationName(application)
                .dynamoDb(dynamoDb)
                .dynamoDbStreams(aws.dynamoDbStreams())
                .pollInterval(Duration.ofMillis(250))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofSeconds(20))
                .leaseManagement(c -> {
                    // The worker that creates the leases sleeps this long inside its initialization
                    // (KCL's ShardSyncTask), 60 s by default, before it processes anything.
                    c.shardSyncIntervalMillis(1_000)
                            .failoverTimeMillis(4_000)
                            .leaseAssignmentIntervalMillis(1_000L)
                            .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(2_000)
                            .dynamoDbLockBasedLeaderLeaseDurationInMillis(6_000);
                    c.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis(2_000);
                })
                .coordinator(c -> c.shardConsumerDispatchPollIntervalMillis(200)
                        .parentShardPollIntervalMillis(1_000)
                        .schedulerInitializationBackoffTimeMillis(1_000));
    }

    /** Waits until the condition holds, up to {@code limit}; false if it never did. */
    static boolean await(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
