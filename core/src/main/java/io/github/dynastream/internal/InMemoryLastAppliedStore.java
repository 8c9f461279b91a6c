package io.github.dynastream.internal;

import io.github.dynastream.LastAppliedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link LastAppliedStore#inMemory()}: a bounded, least-recently-used map behind one lock. */
public final class InMemoryLastAppliedStore implements LastAppliedStore {
    private record Entry(Instant applied, Instant expiresAt) {}

    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Entry> items;

    public InMemoryLastAppliedStore(int maximumItems, Duration keepFor, Clock clock) {
        this.keepFor = keepFor;
        this.clock = clock;
        this.items = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maximumItems;
            }
        };
    }

    @Override
    public synchronized Optional<Instant> lastApplied(String itemKey) {
        Objects.requireNonNull(itemKey, "itemKey");
        Entry entry = items.get(itemKey);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            items.remove(itemKey);
            return Optional.empty();
        }
        return Optional.of(entry.applied());
    }

    @Override
    public synchronized void recordApplied(String itemKey, Instant createdAt) {
        Objects.requireNonNull(itemKey, "itemKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Instant now = clock.instant();
        Entry entry = items.get(itemKey);
        Instant latest = entry == null || !now.isBefore(entry.expiresAt()) || createdAt.isAfter(entry.applied())
                ? createdAt
                : entry.applied();
        items.put(itemKey, new Entry(latest, now.plus(keepFor)));
    }
}
