package io.github.dynastream.examples.replication;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A replica in memory, with the same rules as {@link DynamoDbReplicaStore}: a put needs a newer
 * version than the replica holds, a delete leaves a tombstone unless the replica holds a newer version.
 * For tests and the local demo, which read back what it holds ({@link #item}, {@link #items()}) and
 * every write it accepted or turned away ({@link #writes()}).
 *
 * <pre>{@code
 * InMemoryReplicaStore replica = new InMemoryReplicaStore();
 * Replication.processor(replica).process(eventJson);
 * replica.writes().forEach(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe: every method locks the store.
 */
public final class InMemoryReplicaStore implements ReplicaStore {
    private final Map<Map<String, AttributeValue>, Entry> entries = new LinkedHashMap<>();
    private final List<Write> writes = new ArrayList<>();

    /**
     * What the replica holds for one key.
     *
     * @param item the whole item, or null for a tombstone
     * @param version the version of the item, or of the item a tombstone replaced
     */
    public record Entry(Map<String, AttributeValue> item, BigDecimal version) {
        /** Whether the item was deleted. */
        public boolean isTombstone() {
            return item == null;
        }
    }

    /**
     * One write the replica was asked for.
     *
     * @param key the item's key
     * @param kind {@code PUT} or {@code DELETE}
     * @param version the version written
     * @param applied whether it was written; false when the replica was already as new
     */
    public record Write(Map<String, AttributeValue> key, Kind kind, BigDecimal version, boolean applied) {
        /** Which write. */
        public enum Kind {
            /** {@link ReplicaStore#putIfNewer}. */
            PUT,
            /** {@link ReplicaStore#deleteIfNotNewer}. */
            DELETE
        }
    }

    @Override
    public synchronized boolean putIfNewer(
            Map<String, AttributeValue> key, Map<String, AttributeValue> item, BigDecimal version) {
        Objects.requireNonNull(item, "item");
        return write(
                key,
                Write.Kind.PUT,
                version,
                new Entry(Collections.unmodifiableMap(new LinkedHashMap<>(item)), version));
    }

    @Override
    public synchronized boolean deleteIfNotNewer(Map<String, AttributeValue> key, BigDecimal version) {
        return write(key, Write.Kind.DELETE, version, new Entry(null, version));
    }

    private boolean write(Map<String, AttributeValue> key, Write.Kind kind, BigDecimal version, Entry entry) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
        Map<String, AttributeValue> copy = Map.copyOf(key);
        Entry current = entries.get(copy);
        int order = current == null ? -1 : current.version().compareTo(version);
        // A put needs a newer version than the replica's (version < :v); a delete an equal or newer one.
        boolean applied = current == null || (kind == Write.Kind.PUT ? order < 0 : order <= 0);
        if (applied) {
            entries.put(copy, entry);
        }
        writes.add(new Write(copy, kind, version, applied));
        return applied;
    }

    /** The item the replica holds for a key; empty when it has none or a tombstone. */
    public synchronized Optional<Map<String, AttributeValue>> item(Map<String, AttributeValue> key) {
        return entry(key).map(Entry::item);
    }

    /** What the replica holds for a key, tombstones included. */
    public synchronized Optional<Entry> entry(Map<String, AttributeValue> key) {
        return Optional.ofNullable(entries.get(Map.copyOf(key)));
    }

    /** Every live item (no tombstones), by key, in the order the keys were first written. */
    public synchronized Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items() {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        entries.forEach((key, entry) -> {
            if (!entry.isTombstone()) {
                items.put(key, entry.item());
            }
        });
        return items;
    }

    /** Everything the replica holds, tombstones included, by key. */
    public synchronized Map<Map<String, AttributeValue>, Entry> entries() {
        return Map.copyOf(entries);
    }

    /** Every write asked for, applied or not, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }
}
