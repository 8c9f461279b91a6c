package io.github.dynastream.enhanced;

import io.github.dynastream.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An {@link IdempotencyStore} in a DynamoDB table, shared by every instance of a function (and by
 * several functions, each with its own key prefix).
 *
 * <pre>{@code
 * IdempotencyStore store = DynamoDbIdempotencyStore.builder()
 *         .client(DynamoDbClient.create())
 *         .tableName("dynastream-idempotency")
 *         .keyPrefix("order-events#")
 *         .build();
 * }</pre>
 *
 * <h2>Table layout</h2>
 *
 * <table>
 *   <caption>One item per record key</caption>
 *   <tr><th>attribute</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code id}</td><td>S, partition key</td><td>key prefix + the record's idempotency key (its eventID)</td></tr>
 *   <tr><td>{@code status}</td><td>S</td><td>{@code IN_PROGRESS}, {@code RELEASED} (failed, may run again) or {@code COMPLETED}</td></tr>
 *   <tr><td>{@code owner}</td><td>S</td><td>the invocation holding the lease</td></tr>
 *   <tr><td>{@code leaseExpiresAt}</td><td>N</td><td>epoch milliseconds when the lease lapses</td></tr>
 *   <tr><td>{@code failures}</td><td>N</td><td>failed deliveries so far</td></tr>
 *   <tr><td>{@code expiresAt}</td><td>N</td><td>epoch seconds; the table's Time to Live attribute</td></tr>
 * </table>
 *
 * <p>Create it with {@link #createTable(DynamoDbClient, String)} or the CloudFormation in the README:
 * on-demand billing, partition key {@code id} (S), TTL on {@code expiresAt}.
 *
 * <h2>Cost</h2>
 *
 * A batch first reads the completed markers of all its keys with strongly consistent {@code
 * BatchGetItem}s (one request per 100 records; keys DynamoDB leaves unprocessed are asked for again
 * with exponential backoff), so a redelivered batch costs about one request per 100 records. Each record that
 * runs costs two conditional {@code UpdateItem}s: one to take the lease, one to complete or release
 * it.
 *
 * <p>Every failure to reach DynamoDB (throttling, an unreachable endpoint) is thrown, so the record
 * fails and Lambda retries it; nothing is skipped on a guess. Thread-safe.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    static final String ID = "id";
    static final String STATUS = "status";
    static final String OWNER = "owner";
    static final String LEASE_EXPIRES_AT = "leaseExpiresAt";
    static final String FAILURES = "failures";
    static final String EXPIRES_AT = "expiresAt";

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String RELEASED = "RELEASED";
    private static final String COMPLETED = "COMPLETED";
    private static final int BATCH_GET_LIMIT = 100;
    /** Tries for keys DynamoDB leaves unprocessed (throttling, a response over 16 MB), with backoff between. */
    private static final int BATCH_GET_ATTEMPTS = 6;

    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final Map<String, String> NAMES = Map.of("#status", STATUS, "#owner", OWNER);

    private final DynamoDbClient client;
    private final String tableName;
    private final String keyPrefix;
    private final Duration retention;
    private final Clock clock;

    private DynamoDbIdempotencyStore(Builder b) {
        this.client = b.client;
        this.tableName = b.tableName;
        this.keyPrefix = b.keyPrefix;
        this.retention = b.retention;
        this.clock = b.clock;
    }

    /** Starts configuring a store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The table this store needs: on-demand, partition key {@code id} (S). Enable Time to Live on
     * {@code expiresAt} after creating it, or use {@link #createTable(DynamoDbClient, String)}.
     */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(Objects.requireNonNull(tableName, "tableName"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(ID)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(ID)
                        .keyType(KeyType.HASH)
                        .build())
                .build();
    }

    /** Creates the table, waits until it is active, and enables Time to Live on {@code expiresAt}. */
    public static void createTable(DynamoDbClient client, String tableName) {
        client.createTable(createTableRequest(tableName));
        client.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        client.updateTimeToLive(r -> r.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
    }

    @Override
    public Acquisition acquire(String key, String owner, Instant leaseUntil) {
        Instant now = clock.instant();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":inProgress", s(IN_PROGRESS));
        values.put(":released", s(RELEASED));
        values.put(":completed", s(COMPLETED));
        values.put(":owner", s(owner));
        values.put(":lease", n(leaseUntil.toEpochMilli()));
        values.put(":nowMillis", n(now.toEpochMilli()));
        values.put(":nowSeconds", n(now.getEpochSecond()));
        values.put(":expires", n(now.plus(retention).getEpochSecond()));
        values.put(":zero", n(0));
        try {
            UpdateItemResponse response = client.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(ID, s(keyPrefix + key)))
                    .updateExpression("SET #status = :inProgress, #owner = :owner, " + LEASE_EXPIRES_AT + " = :lease, "
                            + EXPIRES_AT + " = :expires ADD " + FAILURES + " :zero")
                    .conditionExpression("attribute_not_exists(" + ID + ") OR #status = :released"
                            + " OR (#status = :inProgress AND (" + LEASE_EXPIRES_AT
                            + " < :nowMillis OR #owner = :owner))"
                            + " OR (#status = :completed AND " + EXPIRES_AT + " < :nowSeconds)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            int failures = (int) Math.min(Integer.MAX_VALUE, number(response.attributes(), FAILURES));
            return Acquisition.acquired(failures, leaseUntil);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> current = taken.hasItem()
                    ? taken.item()
                    : client.getItem(r -> r.tableName(tableName)
                                    .key(Map.of(ID, s(keyPrefix + key)))
                                    .consistentRead(true))
                            .item();
            if (current != null
                    && current.containsKey(STATUS)
                    && COMPLETED.equals(current.get(STATUS).s())) {
                return Acquisition.completed();
            }
            long leaseMillis = current == null ? 0 : number(current, LEASE_EXPIRES_AT);
            return Acquisition.heldElsewhere(Instant.ofEpochMilli(leaseMillis));
        }
    }

    @Override
    public void complete(String key, String owner) {
        Instant now = clock.instant();
        client.updateItem(r -> r.tableName(tableName)
                .key(Map.of(ID, s(keyPrefix + key)))
                .updateExpression(
                        "SET #status = :completed, " + EXPIRES_AT + " = :expires REMOVE #owner, " + LEASE_EXPIRES_AT)
                .expressionAttributeNames(Map.of("#status", STATUS, "#owner", OWNER))
                .expressionAttributeValues(Map.of(
                        ":completed",
                        s(COMPLETED),
                        ":expires",
                        n(now.plus(retention).getEpochSecond()))));
    }

    @Override
    public void release(String key, String owner) {
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(ID, s(keyPrefix + key)))
                    .updateExpression(
                            "SET #status = :released REMOVE #owner, " + LEASE_EXPIRES_AT + " ADD " + FAILURES + " :one")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":released", s(RELEASED), ":owner", s(owner), ":one", n(1))));
        } catch (ConditionalCheckFailedException notOurs) {
            // The lease lapsed and someone else holds it now: theirs to complete or release.
        }
    }

    @Override
    public Set<String> completedAmong(List<String> keys) {
        Set<String> completed = new HashSet<>();
        long nowSeconds = clock.instant().getEpochSecond();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> wanted = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))) {
                Map<String, AttributeValue> id = Map.of(ID, s(keyPrefix + key));
                if (!wanted.contains(id)) {
                    wanted.add(id);
                }
            }
            Map<String, KeysAndAttributes> request = Map.of(
                    tableName,
                    KeysAndAttributes.builder()
                            .keys(wanted)
                            // BatchGetItem reads eventually consistently unless asked: a marker written
                            // moments ago by the failed invocation could be missed, and the record would
                            // cost a conditional write to find out.
                            .consistentRead(true)
                            .projectionExpression(ID + ", #status, " + EXPIRES_AT)
                            .expressionAttributeNames(Map.of("#status", STATUS))
                            .build());
            for (int attempt = 0; attempt < BATCH_GET_ATTEMPTS && !request.isEmpty(); attempt++) {
                if (attempt > 0 && !backOff(attempt)) {
                    break;
                }
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(current));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    boolean done = item.containsKey(STATUS)
                            && COMPLETED.equals(item.get(STATUS).s());
                    boolean live = !item.containsKey(EXPIRES_AT) || number(item, EXPIRES_AT) >= nowSeconds;
                    if (done && live) {
                        completed.add(item.get(ID).s().substring(keyPrefix.length()));
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
            // Keys still unprocessed are simply not known to be completed: acquire decides for them.
        }
        return completed;
    }

    /**
     * Waits before retrying unprocessed keys, exponentially (20, 40, 80 ... ms), as DynamoDB asks of
     * batch operations; false if interrupted, so the caller stops and lets acquire decide.
     */
    private static boolean backOff(int attempt) {
        try {
            Thread.sleep(FIRST_BACKOFF_MILLIS << (attempt - 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item == null ? null : item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    @Override
    public String toString() {
        return "DynamoDbIdempotencyStore[table=" + tableName + ", keyPrefix=" + keyPrefix + "]";
    }

    /** Configures a {@link DynamoDbIdempotencyStore}. Not thread-safe. */
    public static final class Builder {
        private DynamoDbClient client;
        private String tableName;
        private String keyPrefix = "";
        private Duration retention = Duration.ofHours(25);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The client (required); give it an explicit region and credentials provider in production. */
        public Builder client(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The table (required). */
        public Builder tableName(String tableName) {
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /** Put before every key, so several functions can share one table (default none). */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * How long entries live (the TTL written to {@code expiresAt}); default 25 hours, longer than
         * a stream's 24-hour retention, so a record is never processed again while Lambda can still
         * deliver it.
         */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** The time source (for tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the store.
         *
         * @throws IllegalStateException if the client or table name is missing, or the retention is
         *     not longer than 24 hours
         */
        public DynamoDbIdempotencyStore build() {
            if (client == null) {
                throw new IllegalStateException("a DynamoDbClient is required: call client(...)");
            }
            if (tableName == null || tableName.isBlank()) {
                throw new IllegalStateException("a table name is required but was [" + tableName + "]");
            }
            if (retention.compareTo(Duration.ofHours(24)) <= 0) {
                throw new IllegalStateException(
                        "retention must outlive the stream's 24-hour retention but was [" + retention + "]");
            }
            return new DynamoDbIdempotencyStore(this);
        }
    }
}
