package io.github.dynastream.examples.replication;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.enhanced.SdkAttributeValues;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The replica as a DynamoDB table with the source table's key schema. Items are written with one
 * conditional {@code PutItem} each:
 *
 * <ul>
 *   <li>a new image: {@code attribute_not_exists(<key>) OR version < :v}, so an older or equal version
 *       (a redelivery, a replay) is turned away;
 *   <li>a delete: a tombstone (the key, {@code version}, {@value #TOMBSTONE} = true and {@value
 *       #TOMBSTONE_EXPIRES_AT}) with {@code attribute_not_exists(<key>) OR version <= :v}. The
 *       tombstone's version keeps a late older change from bringing the item back; its expiry (two
 *       days by default, longer than the stream's 24-hour retention) lets the table's Time to Live
 *       remove it once no record older than the delete can arrive.
 * </ul>
 *
 * <p>A {@code ConditionalCheckFailedException} means the replica is already newer, and counts as done.
 * Readers of the replica skip items that have {@value #TOMBSTONE}.
 *
 * <pre>{@code
 * DynamoDbClient client = new ReplicaConfig("ProductsReplica", Region.EU_WEST_1, null).client();
 * ReplicaStore replica = new DynamoDbReplicaStore(client, "ProductsReplica");
 * }</pre>
 *
 * <p>Thread-safe (the SDK client is).
 */
public final class DynamoDbReplicaStore implements ReplicaStore {
    /** Set (BOOL true) on tombstones only. */
    public static final String TOMBSTONE = "replicaTombstone";
    /** Epoch seconds after which the tombstone may go: the replica table's Time to Live attribute. */
    public static final String TOMBSTONE_EXPIRES_AT = "replicaTombstoneExpiresAt";

    private static final String PUT_CONDITION = "attribute_not_exists(#key) OR #version < :version";
    private static final String DELETE_CONDITION = "attribute_not_exists(#key) OR #version <= :version";

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration tombstoneRetention;
    private final Clock clock;

    /**
     * A replica whose tombstones expire two days after the delete.
     *
     * @param client a client for the replica's region and account
     * @param tableName the replica table
     */
    public DynamoDbReplicaStore(DynamoDbClient client, String tableName) {
        this(client, tableName, Duration.ofDays(2), Clock.systemUTC());
    }

    /**
     * @param client a client for the replica's region and account
     * @param tableName the replica table
     * @param tombstoneRetention how long a tombstone is kept; longer than any record can be redelivered
     *     or replayed after the delete
     * @param clock the time tombstones are written at
     */
    public DynamoDbReplicaStore(DynamoDbClient client, String tableName, Duration tombstoneRetention, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.tombstoneRetention = Objects.requireNonNull(tombstoneRetention, "tombstoneRetention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
            throw new IllegalArgumentException(
                    "tombstone retention must be positive but was [" + tombstoneRetention + "]");
        }
    }

    @Override
    public boolean putIfNewer(Map<String, AttributeValue> key, Map<String, AttributeValue> item, BigDecimal version) {
        return conditionalPut(key, SdkAttributeValues.toSdk(item), version, PUT_CONDITION);
    }

    @Override
    public boolean deleteIfNotNewer(Map<String, AttributeValue> key, BigDecimal version) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> tombstone =
                new LinkedHashMap<>(SdkAttributeValues.toSdk(key));
        tombstone.put(VERSION, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(version.toString()));
        tombstone.put(TOMBSTONE, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(true));
        long expiresAt = clock.instant().plus(tombstoneRetention).getEpochSecond();
        tombstone.put(
                TOMBSTONE_EXPIRES_AT,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(expiresAt)));
        return conditionalPut(key, tombstone, version, DELETE_CONDITION);
    }

    private boolean conditionalPut(
            Map<String, AttributeValue> key,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
            BigDecimal version,
            String condition) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the record has no key attributes");
        }
        // Any key attribute exists on every stored item, so it tells "no item yet" for either key schema.
        String keyAttribute = key.keySet().iterator().next();
        try {
            client.putItem(r -> r.tableName(tableName)
                    .item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#key", keyAttribute, "#version", VERSION))
                    .expressionAttributeValues(Map.of(
                            ":version",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(version.toString()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyNewer) {
            return false;
        }
    }
}
