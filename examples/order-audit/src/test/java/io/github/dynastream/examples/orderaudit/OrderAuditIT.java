package io.github.dynastream.examples.orderaudit;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.testkit.Invocation;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamHandlerFunction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * with the SDK, the Orders stream is read with Lambda's rules, and the entries are read back from the
 * audit table.
 */
class OrderAuditIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static final String ORDERS = "Orders";
    private static final String AUDIT = "OrderAudit";

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
        dynamoDb.createTable(DynamoDbAuditLog.createTableRequest(AUDIT));
    }

    private LocalStreamRunner runner() {
        // the template's settings, with fewer retries
        return LocalStreamRunner.builder()
                .streams(AWS.dynamoDbStreams())
                .table(dynamoDb, ORDERS)
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(2)
                .build();
    }

    private Function<DynamodbEvent, StreamsEventResponse> deployedHandler() {
        return StreamHandlerFunction.of(new OrderAuditHandler(dynamoDb, AUDIT));
    }

    /** Creates with PutItem (moto writes two INSERT records for an UpdateItem that creates an item). */
    private void place(String id) {
        dynamoDb.putItem(r -> r.tableName(ORDERS)
                .item(Map.of(
                        "id", AttributeValue.fromS(id),
                        "customerId", AttributeValue.fromS("alice"),
                        "status", AttributeValue.fromS("PLACED"),
                        "total", AttributeValue.fromN("59.90"),
                        "updatedBy", AttributeValue.fromS("web-shop"))));
    }

    private void pay(String id) {
        dynamoDb.updateItem(r -> r.tableName(ORDERS)
                .key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("SET #status = :paid, updatedBy = :by")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(
                        Map.of(":paid", AttributeValue.fromS("PAID"), ":by", AttributeValue.fromS("payments"))));
    }

    private void delete(String id) {
        dynamoDb.deleteItem(r -> r.tableName(ORDERS).key(Map.of("id", AttributeValue.fromS(id))));
    }

    private List<Map<String, AttributeValue>> auditItems() {
        return dynamoDb.scan(r -> r.tableName(AUDIT).consistentRead(true)).items();
    }

    @Test
    void anEntryOfAnotherRecordIsNeitherOverwrittenNorNamedByItsValues() {
        AuditLog log = new DynamoDbAuditLog(dynamoDb, AUDIT);
        AuditEntry entry = new AuditEntry(
                "o-1", "4100000000000000001", "e-1", EventName.INSERT, List.of(), null, "PLACED", null, null, false);
        AuditEntry other = new AuditEntry(
                "o-1", "4100000000000000001", "e-2", EventName.INSERT, List.of(), null, "PAID", null, null, false);

        assertThat(log.append(entry)).isTrue();
        assertThat(log.append(entry)).isFalse(); // the same record again: one entry
        assertThatThrownBy(() -> log.append(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an audit entry in table " + AUDIT + " for sequence number 4100000000000000001"
                        + " exists for eventID e-1, not e-2")
                .hasMessageNotContaining("o-1"); // the order id is an attribute value
        assertThat(auditItems())
                .singleElement()
                .satisfies(item -> assertThat(item.get("eventId").s()).isEqualTo("e-1"));
    }

    @Test
    void eachChangeBecomesOneEntryAndReadingTheStreamAgainAddsNone() {
        place("o-1");
        pay("o-1");
        place("o-2");
        delete("o-1");

        Simulation first;
        try (LocalStreamRunner runner = runner()) {
            first = runner.drain(deployedHandler());
        }
        assertThat(first).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
        assertThat(first.records()).hasSize(4);

        List<AuditEntry> history = new DynamoDbAuditLog(dynamoDb, AUDIT).history("o-1");
        assertThat(history)
                .extracting(
                        AuditEntry::eventName,
                        AuditEntry::changedAttributes,
                        AuditEntry::oldStatus,
                        AuditEntry::newStatus,
                        AuditEntry::changedBy)
                .containsExactly(
                        tuple(EventName.INSERT, List.of(), null, "PLACED", "web-shop"),
                        tuple(EventName.MODIFY, List.of("status", "updatedBy"), "PLACED", "PAID", "payments"),
                        tuple(EventName.REMOVE, List.of(), "PAID", null, null));
        assertThat(history)
                .extracting(AuditEntry::eventId)
                .containsExactly(
                        first.records().get(0).eventId(),
                        first.records().get(1).eventId(),
                        first.records().get(3).eventId());
        assertThat(auditItems()).hasSize(4);
        // an auditor marks an entry as reviewed: a redelivery must not replace the entry
        dynamoDb.updateItem(r -> r.tableName(AUDIT)
                .key(Map.of(
                        "orderId", AttributeValue.fromS("o-1"),
                        "sequence", AttributeValue.fromS(history.get(0).sortKey())))
                .updateExpression("SET reviewedBy = :who")
                .expressionAttributeValues(Map.of(":who", AttributeValue.fromS("auditor"))));

        // a new mapping from the trim horizon (or a checkpoint Lambda lost) delivers every record again
        Simulation again;
        try (LocalStreamRunner runner = runner()) {
            again = runner.drain(deployedHandler());
        }
        assertThat(again.records())
                .extracting(ChangeRecord::eventId)
                .containsExactlyElementsOf(
                        first.records().stream().map(ChangeRecord::eventId).toList());
        assertThat(again.invocations()).extracting(Invocation::outcome).containsOnly(Invocation.Outcome.SUCCEEDED);
        assertThat(auditItems()).hasSize(4);
        assertThat(new DynamoDbAuditLog(dynamoDb, AUDIT).history("o-1")).isEqualTo(history);
        assertThat(dynamoDb.getItem(r -> r.tableName(AUDIT)
                                .key(Map.of(
                                        "orderId", AttributeValue.fromS("o-1"),
                                        "sequence",
                                                AttributeValue.fromS(
                                                        history.get(0).sortKey())))
                                .consistentRead(true))
                        .item())
                .containsEntry("reviewedBy", AttributeValue.fromS("auditor"));
    }

    @Test
    void aFirstAttemptThatFailsAfterWritingIsRetriedWithoutASecondEntry() {
        place("o-1");
        pay("o-1");
        place("o-2");
        pay("o-2");
        AtomicInteger invocations = new AtomicInteger();
        Function<DynamodbEvent, StreamsEventResponse> handler = deployedHandler();
        Function<DynamodbEvent, StreamsEventResponse> timingOutOnce = event -> {
            StreamsEventResponse response = handler.apply(event);
            if (invocations.incrementAndGet() == 1) {
                throw new IllegalStateException("Task timed out"); // after every entry of the batch was written
            }
            return response;
        };

        Simulation lambda;
        try (LocalStreamRunner runner = runner()) {
            lambda = runner.drain(timingOutOnce);
        }

        assertThat(lambda).hasNothingAtFailureDestination();
        assertThat(lambda.invocations().get(0).outcome()).isEqualTo(Invocation.Outcome.FUNCTION_ERROR);
        assertThat(lambda.records())
                .allSatisfy(record -> assertThat(lambda.deliveries(record))
                        .as("deliveries of %s", record)
                        .isEqualTo(2));
        List<Map<String, AttributeValue>> items = auditItems();
        assertThat(items).hasSize(4);
        assertThat(items)
                .extracting(item -> item.get("eventId").s())
                .containsExactlyInAnyOrderElementsOf(
                        lambda.records().stream().map(ChangeRecord::eventId).toList());
    }
}
