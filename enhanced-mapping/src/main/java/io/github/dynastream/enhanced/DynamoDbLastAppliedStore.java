package io.github.dynastream.enhanced;

import io.github.dynastream.LastAppliedStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A {@link LastAppliedStore} in a DynamoDB table, shared by every instance of a function: the
 * per-item order guard of {@code StreamProcessor.Builder.skipOlderChanges} that survives cold starts
 * and concurrent instances.
 *
 * <pre>{@code
 * LastAppliedStore store = DynamoDbLastAppliedStore.builder()
 *         .client(DynamoDbClient.create())
 *         .tableName("dynastream-last-applied")
 *         .keyPrefix("order-events#")
 *         .build();
 * }</pre>
 *
 * <h2>Table layout</h2>
 *
 * <table>
 *   <caption>One item per item of the source table</caption>
 *   <tr><th>attribute</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code id}</td><td>S, partition key</td><td>key prefix + the processor's item key: the
 *       source table's name and a SHA-256 digest of the item's key attributes (no key value is stored)</td></tr>
 *   <tr><td>{@code appliedAt}</td><td>N</td><td>epoch seconds, to the nanosecond, of the creation
 *       time of the last change applied</td></tr>
 *   <tr><td>{@code expiresAt}</td><td>N</td><td>epoch seconds; the table's Time to Live attribute</td></tr>
 * </table>
 *
 * <p>Create it with {@link #createTable(DynamoDbClient, String)}: on-demand billing, partition key
 * {@code id} (S), TTL on {@code expiresAt}. The function needs {@code dynamodb:GetItem} and {@code
 * dynamodb:UpdateItem} on it.
 *
 * <h2>Cost and consistency</h2>
 *
 * A guarded record costs one strongly consistent {@code GetItem} before it runs and one conditional
 * {@code UpdateItem} after it succeeded; the condition ({@code appliedAt} absent or earlier) keeps the
 * later time when two writers race, so the remembered time never moves back. Every failure to reach
 * DynamoDB is thrown, so the record fails and is retried; nothing is skipped on a guess. Thread-safe.
 */
public final class DynamoDbLastAppliedStore implements LastAppliedStore {
    static final String ID = "id";
    static final String APPLIED_AT = "appliedAt";
    static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient client;
    private final String tableName;
    private final String keyPrefix;
    private final Duration retention;
    private final Clock clock;

    private DynamoDbLastAppliedStore(Builder b) {
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
    public Optional<Instant> lastApplied(String itemKey) {
        Objects.requireNonNull(itemKey, "itemKey");
        GetItemResponse response = client.getItem(r -> r.tableName(tableName)
                .key(Map.of(ID, AttributeValue.fromS(keyPrefix + itemKey)))
                .consistentRead(true)
                .projectionExpression(APPLIED_AT + ", " + EXPIRES_AT));
        if (!response.hasItem() || response.item().get(APPLIED_AT) == null) {
            return Optional.empty();
        }
        AttributeValue expires = response.item().get(EXPIRES_AT);
        if (expires != null
                && expires.n() != null
                && Long.parseLong(expires.n()) <= clock.instant().getEpochSecond()) {
            return Optional.empty(); // expired, not yet deleted by Time to Live
        }
        return Optional.of(
                instant(new BigDecimal(response.item().get(APPLIED_AT).n())));
    }

    @Override
    public void recordApplied(String itemKey, Instant createdAt) {
        Objects.requireNonNull(itemKey, "itemKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Instant now = clock.instant();
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(ID, AttributeValue.fromS(keyPrefix + itemKey)))
                    .updateExpression("SET " + APPLIED_AT + " = :applied, " + EXPIRES_AT + " = :expires")
                    .conditionExpression("attribute_not_exists(" + APPLIED_AT + ") OR " + APPLIED_AT + " < :applied OR "
                            + EXPIRES_AT + " <= :now")
                    .expressionAttributeValues(Map.of(
                            ":applied", AttributeValue.fromN(seconds(createdAt)),
                            ":expires",
                                    AttributeValue.fromN(
                                            Long.toString(now.plus(retention).getEpochSecond())),
                            ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
        } catch (ConditionalCheckFailedException laterOrEqual) {
            // A change at least as recent is remembered already; it stays.
        }
    }

    /** Epoch seconds with nine decimals: exact for every instant, and ordered as DynamoDB compares N. */
    static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9))
                .toPlainString();
    }

    static Instant instant(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** Configures a {@link DynamoDbLastAppliedStore}. Setters only reject null; {@link #build()} checks. */
    public static final class Builder {
        private DynamoDbClient client;
        private String tableName;
        private String keyPrefix = "";
        private Duration retention = Duration.ofDays(8);
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
         * How long after its last change an item is remembered (the TTL written to {@code
         * expiresAt}); default 8 days, longer than a Kinesis stream's default retention of 24 hours
         * and its extended retention of 7 days. Set it above your stream's retention if that is
         * longer, so that no change the stream can still deliver finds its item forgotten.
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
         *     not positive
         */
        public DynamoDbLastAppliedStore build() {
            if (client == null) {
                throw new IllegalStateException("a DynamoDbClient is required: call client(...)");
            }
            if (tableName == null || tableName.isBlank()) {
                throw new IllegalStateException("a table name is required but was [" + tableName + "]");
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalStateException("retention must be positive but was [" + retention + "]");
            }
            return new DynamoDbLastAppliedStore(this);
        }
    }
}
