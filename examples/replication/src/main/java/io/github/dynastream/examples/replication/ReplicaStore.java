package io.github.dynastream.examples.replication;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The table changes are copied to. Every write is conditional on the item's {@value #VERSION}
 * attribute, so a redelivered or replayed change never replaces a newer one:
 *
 * <pre>{@code
 * ReplicaStore replica = new DynamoDbReplicaStore(dynamoDbClient, "ProductsReplica");
 * replica.putIfNewer(record.keys(), newImage, new BigDecimal("7"));   // false: the replica already had 7 or more
 * replica.deleteIfNotNewer(record.keys(), new BigDecimal("7"));       // leaves a tombstone of version 7
 * }</pre>
 *
 * <p>"Already newer" is an answer, not a failure: both methods return {@code false} for it. They throw
 * only when the replica could not be reached or refused the write for another reason, and the record is
 * then retried by Lambda. Implementations are thread-safe.
 */
public interface ReplicaStore {
    /** The number attribute the writer sets on every item and increments on each update. */
    String VERSION = "version";

    /**
     * Writes the item, whole, unless the replica holds a version of it (or a tombstone) at least as new.
     *
     * @param key the item's key attributes
     * @param item the whole item, with its {@value #VERSION}
     * @param version the item's version
     * @return whether the item was written; {@code false} when the replica was already as new
     */
    boolean putIfNewer(Map<String, AttributeValue> key, Map<String, AttributeValue> item, BigDecimal version);

    /**
     * Replaces the item by a tombstone of {@code version} unless the replica holds a newer version. The
     * tombstone keeps an older change that arrives late (a replay, a redelivery) from bringing the item
     * back.
     *
     * @param key the item's key attributes
     * @param version the version of the item that was deleted
     * @return whether the tombstone was written; {@code false} when the replica holds a newer version
     */
    boolean deleteIfNotNewer(Map<String, AttributeValue> key, BigDecimal version);
}
