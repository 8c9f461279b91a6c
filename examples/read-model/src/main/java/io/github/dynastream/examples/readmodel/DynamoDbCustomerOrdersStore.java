package io.github.dynastream.examples.readmodel;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A {@link CustomerOrdersStore} in a DynamoDB table with partition key {@code customerId} (S): one
 * item per customer with {@code orders} (a map of order id to {@code {status, total}}), the derived
 * {@code openOrders} and {@code openTotal} for readers, and a {@code version}.
 *
 * <pre>{@code
 * CustomerOrdersStore store = new DynamoDbCustomerOrdersStore(DynamoDbClient.create(), "CustomerOrders");
 * }</pre>
 *
 * <p>An update reads the item (strongly consistent), applies the change and writes the item back on
 * the condition that its version is still the one read; if another invocation wrote in between, it
 * reads again and retries (up to {@value #MAX_ATTEMPTS} times). A change that leaves the orders as
 * they are (a redelivered record) writes nothing. The function needs {@code dynamodb:GetItem} and
 * {@code dynamodb:PutItem} on the table. An item holds at most 400 KB, some thousands of orders:
 * remove closed orders (a REMOVE, or Time to Live on the Orders table) to keep it small. Thread-safe.
 */
public final class DynamoDbCustomerOrdersStore implements CustomerOrdersStore {
    static final String CUSTOMER_ID = "customerId";
    static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient client;
    private final String tableName;

    /**
     * @param client the DynamoDB client
     * @param tableName the projection table
     */
    public DynamoDbCustomerOrdersStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The table this store expects (on-demand capacity), e.g. for tests: {@code client.createTable(...)}. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(CUSTOMER_ID)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(CUSTOMER_ID)
                        .keyType(KeyType.HASH)
                        .build())
                .build();
    }

    @Override
    public CustomerOrders get(String customerId) {
        GetItemResponse response = client.getItem(r -> r.tableName(tableName)
                .key(Map.of(CUSTOMER_ID, AttributeValue.fromS(customerId)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? fromItem(response.item())
                : CustomerOrders.empty(customerId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if other writers changed the projection between each read and
     *     write, {@value #MAX_ATTEMPTS} times in a row
     */
    @Override
    public CustomerOrders update(String customerId, UnaryOperator<CustomerOrders> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            CustomerOrders before = get(customerId);
            CustomerOrders after = change.apply(before);
            if (after.orders().equals(before.orders())) {
                return before;
            }
            CustomerOrders next = after.withVersion(before.version() + 1);
            PutItemRequest.Builder put =
                    PutItemRequest.builder().tableName(tableName).item(toItem(next));
            if (before.version() == 0) {
                put.conditionExpression("attribute_not_exists(" + CUSTOMER_ID + ")");
            } else {
                put.conditionExpression("#version = :version")
                        .expressionAttributeNames(Map.of("#version", "version"))
                        .expressionAttributeValues(
                                Map.of(":version", AttributeValue.fromN(Long.toString(before.version()))));
            }
            try {
                client.putItem(put.build());
                return next;
            } catch (ConditionalCheckFailedException concurrentWrite) {
                // another invocation updated this customer since the read: read again
            }
        }
        // the customer id is an attribute value of the order, so the message leaves it out; the failed
        // record's log line names its eventID and key
        throw new IllegalStateException("a projection in table " + tableName + " changed between read and write "
                + MAX_ATTEMPTS + " times in a row");
    }

    static Map<String, AttributeValue> toItem(CustomerOrders projection) {
        Map<String, AttributeValue> orders = new HashMap<>();
        projection
                .orders()
                .forEach((id, state) -> orders.put(
                        id,
                        AttributeValue.fromM(Map.of(
                                "status", AttributeValue.fromS(state.status().name()),
                                "total", AttributeValue.fromN(state.total().toPlainString())))));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CUSTOMER_ID, AttributeValue.fromS(projection.customerId()));
        item.put("orders", AttributeValue.fromM(orders));
        item.put("openOrders", AttributeValue.fromN(Integer.toString(projection.openOrders())));
        item.put("openTotal", AttributeValue.fromN(projection.openTotal().toPlainString()));
        item.put("version", AttributeValue.fromN(Long.toString(projection.version())));
        return item;
    }

    static CustomerOrders fromItem(Map<String, AttributeValue> item) {
        Map<String, CustomerOrders.OrderState> orders = new HashMap<>();
        item.get("orders")
                .m()
                .forEach((id, state) -> orders.put(
                        id,
                        new CustomerOrders.OrderState(
                                Order.Status.valueOf(state.m().get("status").s()),
                                new BigDecimal(state.m().get("total").n()))));
        return new CustomerOrders(
                item.get(CUSTOMER_ID).s(),
                orders,
                Long.parseLong(item.get("version").n()));
    }
}
