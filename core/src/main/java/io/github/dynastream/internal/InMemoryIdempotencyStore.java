package io.github.dynastream.internal;

import io.github.dynastream.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link IdempotencyStore#inMemory()}: an LRU map under one lock; entries expire by the clock. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private enum Status {
        IN_PROGRESS,
        RELEASED,
        COMPLETED
    }

    private static final class Entry {
        Status status;
        String owner;
        Instant until; // lease expiry, or completed-entry expiry
        int failures;
    }

    private final Duration completedFor;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public InMemoryIdempotencyStore(int maximumKeys, Duration completedFor, Clock clock) {
        this.completedFor = completedFor;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maximumKeys;
            }
        };
    }

    @Override
    public synchronized Acquisition acquire(String key, String owner, Instant leaseUntil) {
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && entry.status == Status.COMPLETED && entry.until.isAfter(now)) {
            return Acquisition.completed();
        }
        if (entry != null
                && entry.status == Status.IN_PROGRESS
                && entry.until.isAfter(now)
                && !entry.owner.equals(owner)) {
            return Acquisition.heldElsewhere(entry.until);
        }
        if (entry == null || entry.status == Status.COMPLETED) {
            entry = new Entry(); // new, or completed so long ago that it expired
            entries.put(key, entry);
        }
        entry.status = Status.IN_PROGRESS;
        entry.owner = owner;
        entry.until = leaseUntil;
        return Acquisition.acquired(entry.failures, leaseUntil);
    }

    @Override
    public synchronized void complete(String key, String owner) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.status = Status.COMPLETED;
        entry.owner = owner;
        entry.until = clock.instant().plus(completedFor);
    }

    @Override
    public synchronized void release(String key, String owner) {
        Entry entry = entries.get(key);
        if (entry != null && entry.status == Status.IN_PROGRESS && owner.equals(entry.owner)) {
            entry.status = Status.RELEASED;
            entry.owner = null;
            entry.failures++;
        }
    }

    @Override
    public synchronized Set<String> completedAmong(List<String> keys) {
        Instant now = clock.instant();
        Set<String> completed = new HashSet<>();
        for (String key : keys) {
            Entry entry = entries.get(key);
            if (entry != null && entry.status == Status.COMPLETED && entry.until.isAfter(now)) {
                completed.add(key);
            }
        }
        return completed;
    }

    @Override
    public synchronized String toString() {
        return "InMemoryIdempotencyStore[" + entries.size() + " key(s)]";
    }
}
