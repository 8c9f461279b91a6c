package io.github.dynastream.examples.readmodel;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.examples.readmodel.Order.Status;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamHandlerFunction;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The deployed handler class on a real DynamoDB and DynamoDB Streams API (moto): orders are written
 * with the SDK, the Orders stream is read with Lambda's rules (four batches of the shard at once),
 * and the projections are read back from their table.
 */
class ReadModelIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static final String ORDERS = "Orders";
    private static final String PROJECTIONS = "CustomerOrders";

    private DynamoDbClient dynamoDb;

    @BeforeEach
    void createTables() {
        AWS.reset();
        dynamoDb = AWS.dynamoDb();
        dynamoDb.createTable(r -> r.tableName(ORDERS)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamoDb.createTable(DynamoDbCustomerOrdersStore.createTableRequest(PROJECTIONS));
    }

    private LocalStreamRunner runner() {
        // the template's settings, with fewer retries
        return LocalStreamRunner.builder()
                .streams(AWS.dynamoDbStreams())
                .table(dynamoDb, ORDERS)
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(2)
                .parallelizationFactor(4)
                .build();
    }

    /** Creates with PutItem (moto writes two INSERT records for an UpdateItem that creates an item). */
    private void put(String id, String type, String customerId, String status, String total) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("type", AttributeValue.fromS(type));
        item.put("customerId", AttributeValue.fromS(customerId));
        if (status != null) {
            item.put("status", AttributeValue.fromS(status));
            item.put("total", AttributeValue.fromN(total));
        }
        dynamoDb.putItem(r -> r.tableName(ORDERS).item(item));
    }

    private void set(String id, String attribute, String value) {
        dynamoDb.updateItem(r -> r.tableName(ORDERS)
                .key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("SET #a = :v")
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }

    private Map<String, AttributeValue> projectionItem(String customerId) {
        return dynamoDb.getItem(r -> r.tableName(PROJECTIONS)
                        .key(Map.of("customerId", AttributeValue.fromS(customerId)))
                        .consistentRead(true))
                .item();
    }

    @Test
    void theProjectionFollowsTheOrdersAndReadingTheStreamAgainChangesNothing() {
        put("o-1", "ORDER", "alice", "PLACED", "59.90");
        put("o-2", "ORDER", "alice", "PLACED", "20.00");
        put("alice#profile", "CUSTOMER", "alice", null, null);
        put("o-3", "ORDER", "bob", "PLACED", "10");
        set("o-1", "status", "PAID");
        set("o-1", "note", "leave at the door"); // not a field the projection reads
        set("o-2", "status", "CANCELLED");
        set("alice#profile", "note", "vip");
        dynamoDb.deleteItem(r -> r.tableName(ORDERS).key(Map.of("id", AttributeValue.fromS("o-3"))));

        Simulation first;
        try (LocalStreamRunner runner = runner()) {
            first = runner.drain(StreamHandlerFunction.of(new CustomerOrdersHandler(dynamoDb, PROJECTIONS)));
        }

        assertThat(first).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
        assertThat(first.records()).hasSize(9);
        Map<String, AttributeValue> alice = projectionItem("alice");
        assertThat(alice.get("openOrders").n()).isEqualTo("1");
        assertThat(new BigDecimal(alice.get("openTotal").n())).isEqualByComparingTo("59.90");
        assertThat(alice.get("orders").m()).containsOnlyKeys("o-1", "o-2");
        assertThat(alice.get("orders").m().get("o-1").m().get("status").s()).isEqualTo("PAID");
        assertThat(alice.get("orders").m().get("o-2").m().get("status").s()).isEqualTo("CANCELLED");
        Map<String, AttributeValue> bob = projectionItem("bob");
        assertThat(bob.get("orders").m()).isEmpty();
        assertThat(bob.get("openOrders").n()).isEqualTo("0");
        // placed, placed, paid, cancelled for alice; placed and deleted for bob: the note wrote nothing
        assertThat(alice.get("version").n()).isEqualTo("4");
        assertThat(dynamoDb.scan(r -> r.tableName(PROJECTIONS)).items()).hasSize(2);

        // a new mapping from the trim horizon (or a checkpoint Lambda lost) delivers every record again
        try (LocalStreamRunner runner = runner()) {
            assertThat(runner.drain(StreamHandlerFunction.of(new CustomerOrdersHandler(dynamoDb, PROJECTIONS))))
                    .hasNothingAtFailureDestination();
        }
        Map<String, AttributeValue> aliceAgain = projectionItem("alice");
        assertThat(aliceAgain.get("orders")).isEqualTo(alice.get("orders"));
        assertThat(aliceAgain.get("openOrders")).isEqualTo(alice.get("openOrders"));
        assertThat(aliceAgain.get("openTotal")).isEqualTo(alice.get("openTotal"));
        assertThat(projectionItem("bob").get("orders").m()).isEmpty();
    }

    @Test
    void anUpdateThatRacesAnotherReadsAgainAndKeepsBoth() {
        DynamoDbCustomerOrdersStore store = new DynamoDbCustomerOrdersStore(dynamoDb, PROJECTIONS);
        DynamoDbCustomerOrdersStore otherInvocation = new DynamoDbCustomerOrdersStore(dynamoDb, PROJECTIONS);
        store.update("alice", p -> p.with("o-1", Orders.state(Status.PLACED, "59.90")));
        AtomicInteger calls = new AtomicInteger();

        CustomerOrders after = store.update("alice", projection -> {
            if (calls.incrementAndGet() == 1) {
                // another batch of the shard (another order of alice) writes between our read and write
                otherInvocation.update("alice", p -> p.with("o-2", Orders.state(Status.PAID, "20.00")));
            }
            return projection.with("o-3", Orders.state(Status.SHIPPED, "5"));
        });

        assertThat(calls).hasValue(2);
        assertThat(after.orders()).containsOnlyKeys("o-1", "o-2", "o-3");
        CustomerOrders stored = store.get("alice");
        assertThat(stored.orders()).containsOnlyKeys("o-1", "o-2", "o-3");
        assertThat(stored.openOrders()).isEqualTo(3);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.openTotal()).isEqualByComparingTo("84.90");
    }
}
