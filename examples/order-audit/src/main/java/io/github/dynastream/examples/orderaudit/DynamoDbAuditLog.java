package io.github.dynastream.examples.orderaudit;

import io.github.dynastream.EventName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * An {@link AuditLog} in a DynamoDB table with partition key {@code orderId} (S) and sort key
 * {@code sequence} (S, the zero-padded sequence number, {@link AuditEntry#sortKey()}).
 *
 * <pre>{@code
 * AuditLog log = new DynamoDbAuditLog(DynamoDbClient.create(), "OrderAudit");
 * }</pre>
 *
 * <p>Each append is one {@code PutItem} with the condition {@code attribute_not_exists(orderId)}:
 * the write and the duplicate check are one atomic step, so no redelivery, retry or concurrent
 * invocation can write an entry twice. When the condition fails, the existing entry comes back with
 * the error ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, no extra read) and its eventID is
 * compared, so an entry is never taken for a duplicate of another record. The function needs {@code
 * dynamodb:PutItem} on the table ({@code dynamodb:Query} for {@link #history}). Thread-safe.
 */
public final class DynamoDbAuditLog implements AuditLog {
    static final String ORDER_ID = "orderId";
    static final String SEQUENCE = "sequence";

    private final DynamoDbClient client;
    private final String tableName;

    /**
     * @param client the DynamoDB client
     * @param tableName the audit table
     */
    public DynamoDbAuditLog(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The table this log expects (on-demand capacity), e.g. for tests: {@code client.createTable(...)}. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName(ORDER_ID)
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName(SEQUENCE)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName(ORDER_ID)
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName(SEQUENCE)
                                .keyType(KeyType.RANGE)
                                .build())
                .build();
    }

    @Override
    public boolean append(AuditEntry entry) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(toItem(entry))
                    .conditionExpression("attribute_not_exists(" + ORDER_ID + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            AttributeValue existing = e.hasItem() ? e.item().get("eventId") : null;
            if (existing != null && entry.eventId().equals(existing.s())) {
                return false;
            }
            // the order id is an attribute value of the order, so the message leaves it out: the
            // sequence number and the eventIDs say which record and entry collided
            throw new IllegalStateException(
                    "an audit entry in table " + tableName + " for sequence number " + entry.sequenceNumber()
                            + " exists for eventID " + (existing == null ? "(none)" : existing.s()) + ", not "
                            + entry.eventId(),
                    e);
        }
    }

    @Override
    public List<AuditEntry> history(String orderId) {
        List<AuditEntry> history = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder()
                        .tableName(tableName)
                        .keyConditionExpression("#id = :id")
                        .expressionAttributeNames(Map.of("#id", ORDER_ID))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(orderId)))
                        .consistentRead(true)
                        .build())
                .items()
                .forEach(item -> history.add(fromItem(item)));
        return history;
    }

    static Map<String, AttributeValue> toItem(AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ORDER_ID, AttributeValue.fromS(entry.orderId()));
        item.put(SEQUENCE, AttributeValue.fromS(entry.sortKey()));
        item.put("sequenceNumber", AttributeValue.fromS(entry.sequenceNumber()));
        item.put("eventId", AttributeValue.fromS(entry.eventId()));
        item.put("eventName", AttributeValue.fromS(entry.eventName().name()));
        item.put(
                "changedAttributes",
                AttributeValue.fromL(entry.changedAttributes().stream()
                        .map(AttributeValue::fromS)
                        .toList()));
        putIfPresent(item, "oldStatus", entry.oldStatus());
        putIfPresent(item, "newStatus", entry.newStatus());
        putIfPresent(
                item,
                "changedAt",
                entry.changedAt() == null ? null : entry.changedAt().toString());
        putIfPresent(item, "changedBy", entry.changedBy());
        item.put("timeToLive", AttributeValue.fromBool(entry.timeToLive()));
        return item;
    }

    static AuditEntry fromItem(Map<String, AttributeValue> item) {
        String changedAt = text(item, "changedAt");
        return new AuditEntry(
                text(item, ORDER_ID),
                text(item, "sequenceNumber"),
                text(item, "eventId"),
                EventName.valueOf(text(item, "eventName")),
                item.get("changedAttributes").l().stream()
                        .map(AttributeValue::s)
                        .toList(),
                text(item, "oldStatus"),
                text(item, "newStatus"),
                changedAt == null ? null : Instant.parse(changedAt),
                text(item, "changedBy"),
                Boolean.TRUE.equals(item.get("timeToLive").bool()));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
