package io.github.dynastream.examples.replication;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.enhanced.SdkAttributeValues;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamHandlerFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The deployed handler class on moto: a Products table whose real stream is drained through {@link
 * ReplicationHandler} into a second real table, then older records of that stream delivered again, out
 * of order, which must not move the replica back.
 */
class ReplicationIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static DynamoDbClient dynamoDb;
    private static LocalStreamRunner runner;
    private static ReplicationHandler handler;

    @BeforeAll
    static void createTables() {
        dynamoDb = AWS.dynamoDb();
        createTable("Products", true);
        createTable("ProductsReplica", false);
        runner = LocalStreamRunner.builder()
                .streams(AWS.dynamoDbStreams())
                .table(dynamoDb, "Products")
                .reportBatchItemFailures(true) // as template.yaml deploys it
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(10)
                .build();
        handler = new ReplicationHandler(new DynamoDbReplicaStore(dynamoDb, "ProductsReplica"));
    }

    @AfterAll
    static void closeRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    private static void createTable(String name, boolean stream) {
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

    @Test
    void copiesTheRealStreamLosslesslyAndLateOlderRecordsDoNotMoveTheReplicaBack() {
        // The writer: items are created with PutItem (moto writes two INSERTs for an UpdateItem that
        // creates an item, see docs/moto.md), updated with UpdateItem, and bump their version each time.
        dynamoDb.putItem(r -> r.tableName("Products").item(product("p-1")));
        dynamoDb.updateItem(r -> r.tableName("Products")
                .key(key("p-1"))
                .updateExpression("SET price = :price, version = version + :one")
                .expressionAttributeValues(Map.of(":price", n("12.50"), ":one", n("1"))));
        dynamoDb.putItem(
                r -> r.tableName("Products").item(Map.of("id", s("p-2"), "version", n("1"), "price", n("3.00"))));
        dynamoDb.deleteItem(r -> r.tableName("Products").key(key("p-2")));

        Simulation drained = runner.drain(StreamHandlerFunction.of(handler));

        assertThat(drained).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
        assertThat(drained.records())
                .extracting(ChangeRecord::eventName)
                .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.INSERT, EventName.REMOVE);
        Map<String, AttributeValue> source = getItem("Products", "p-1");
        Map<String, AttributeValue> copied = getItem("ProductsReplica", "p-1");
        assertThat(SdkAttributeValues.fromSdk(copied)).isEqualTo(SdkAttributeValues.fromSdk(source));
        assertThat(copied.get("version").n()).isEqualTo("2");
        assertThat(copied.get("stock").n()).isEqualTo(Products.BIG_NUMBER);
        assertThat(copied.get("thumbnail").b().asByteArray()).containsExactly((byte) 0x89, 'P', 'N', 'G', 0, -1);
        assertThat(copied.get("tags").ss()).containsExactlyInAnyOrder("garden", "summer");
        assertThat(copied.get("supplier").nul()).isTrue();
        assertThat(copied.get("dimensions").m().get("notes").l()).isEmpty();
        assertThat(copied).containsKey("colourCode"); // an attribute no class in this example declares
        assertThat(getItem("ProductsReplica", "p-2"))
                .containsEntry("version", n("1"))
                .containsEntry(DynamoDbReplicaStore.TOMBSTONE, AttributeValue.fromBool(true))
                .doesNotContainKey("price");

        // Lambda delivers older records again, out of order: the REMOVE's INSERT, then p-1's first INSERT.
        List<ChangeRecord> late =
                List.of(drained.records().get(2), drained.records().get(0));
        for (ChangeRecord record : late) {
            Simulation redelivery = EventSourceMappingSimulator.builder()
                    .reportBatchItemFailures(true)
                    .build()
                    .run(List.of(record), StreamHandlerFunction.of(handler));
            // The conditional check failed: the replica is already newer, and that is a success.
            assertThat(redelivery).hasInvocationCount(1).hasNothingAtFailureDestination();
        }

        assertThat(getItem("ProductsReplica", "p-1")).isEqualTo(copied);
        assertThat(getItem("ProductsReplica", "p-2"))
                .containsEntry(DynamoDbReplicaStore.TOMBSTONE, AttributeValue.fromBool(true))
                .doesNotContainKey("price");

        // The writer creates p-2 again, with a version above the deleted one: it replaces the tombstone.
        dynamoDb.putItem(
                r -> r.tableName("Products").item(Map.of("id", s("p-2"), "version", n("2"), "price", n("4.00"))));
        assertThat(runner.drain(StreamHandlerFunction.of(handler))).hasNothingAtFailureDestination();
        assertThat(getItem("ProductsReplica", "p-2"))
                .isEqualTo(Map.of("id", s("p-2"), "version", n("2"), "price", n("4.00")));
    }

    private static Map<String, AttributeValue> product(String id) {
        return Map.ofEntries(
                Map.entry("id", s(id)),
                Map.entry("version", n("1")),
                Map.entry("price", n("9.99")),
                Map.entry("stock", n(Products.BIG_NUMBER)),
                Map.entry("tags", AttributeValue.fromSs(List.of("garden", "summer"))),
                Map.entry("sizes", AttributeValue.fromNs(List.of("0.5", "1000"))),
                Map.entry(
                        "thumbnail",
                        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, -1}))),
                Map.entry(
                        "checksums",
                        AttributeValue.fromBs(List.of(
                                SdkBytes.fromByteArray(new byte[] {1, 2}), SdkBytes.fromByteArray(new byte[] {3})))),
                Map.entry("discontinued", AttributeValue.fromBool(false)),
                Map.entry("supplier", AttributeValue.fromNul(true)),
                Map.entry(
                        "dimensions",
                        AttributeValue.fromM(Map.of(
                                "unit", s("cm"),
                                "sides", AttributeValue.fromL(List.of(n("10.00"), n("2.5"))),
                                "notes", AttributeValue.fromL(List.of())))),
                Map.entry("colourCode", s("#2e8b57")));
    }

    private static Map<String, AttributeValue> getItem(String table, String id) {
        return dynamoDb.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true))
                .item();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
