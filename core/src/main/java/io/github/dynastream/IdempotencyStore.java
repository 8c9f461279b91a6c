package io.github.dynastream;

import io.github.dynastream.internal.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers which records were processed, so a record Lambda delivers again is not processed again.
 * Keys are eventIDs by default ({@link StreamProcessor.Builder#idempotencyKey}).
 *
 * <pre>{@code
 * StreamProcessor processor = StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .idempotency(IdempotencyStore.inMemory())      // or DynamoDbIdempotencyStore for many instances
 *         .build();
 * }</pre>
 *
 * <p>The protocol, per record: {@link #acquire} takes a lease (IN_PROGRESS) or reports that the record
 * is already completed or leased by another live invocation; after the handlers ran, {@link
 * #complete} marks it COMPLETED, or {@link #release} frees the lease and counts the failure so a
 * retry runs it again. A lease whose holder crashed expires. Implementations must be thread-safe,
 * and must throw (never pretend success) when they cannot reach their storage: the record then
 * fails and is retried.
 */
public interface IdempotencyStore {

    /**
     * Takes the lease on a key, unless it is completed or leased by someone else whose lease has not
     * expired.
     *
     * @param key the record's idempotency key
     * @param owner who takes the lease (one value per invocation)
     * @param leaseUntil when the lease expires if it is never completed or released
     */
    Acquisition acquire(String key, String owner, Instant leaseUntil);

    /** Marks the key COMPLETED: later deliveries are skipped until the entry expires. */
    void complete(String key, String owner);

    /** Frees the owner's lease after a failure and counts the failed delivery. */
    void release(String key, String owner);

    /**
     * The keys among these that are already COMPLETED, read in bulk before a batch runs, so a
     * redelivered batch costs few requests. The default knows none, and {@link #acquire} decides.
     */
    default Set<String> completedAmong(List<String> keys) {
        return Set.of();
    }

    /**
     * A store in this JVM's memory: bounded to the 10,000 most recently used keys, COMPLETED
     * entries kept for 25 hours (longer than a stream's 24-hour retention). Enough for a single
     * Lambda instance per shard; use a shared store when several instances may see the same record.
     */
    static IdempotencyStore inMemory() {
        return inMemory(10_000, Duration.ofHours(25), Clock.systemUTC());
    }

    /**
     * A store in this JVM's memory.
     *
     * @param maximumKeys how many keys it keeps; the least recently used go first
     * @param completedFor how long a COMPLETED entry is kept
     * @param clock the time source (for tests)
     */
    static IdempotencyStore inMemory(int maximumKeys, Duration completedFor, Clock clock) {
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximum keys must be > 0 but was [" + maximumKeys + "]");
        }
        Objects.requireNonNull(completedFor, "completedFor");
        if (completedFor.isNegative() || completedFor.isZero()) {
            throw new IllegalArgumentException("completedFor must be positive but was [" + completedFor + "]");
        }
        return new InMemoryIdempotencyStore(maximumKeys, completedFor, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * What {@link #acquire} found.
     *
     * @param state whether the lease was taken
     * @param previousFailures failed deliveries counted so far (for dead-lettering)
     * @param leaseExpiresAt when the current lease expires, for {@code ACQUIRED} and {@code
     *     HELD_ELSEWHERE}
     */
    record Acquisition(State state, int previousFailures, Instant leaseExpiresAt) {
        public Acquisition {
            Objects.requireNonNull(state, "state");
        }

        /** The lease is the caller's. */
        public static Acquisition acquired(int previousFailures, Instant leaseExpiresAt) {
            return new Acquisition(State.ACQUIRED, previousFailures, leaseExpiresAt);
        }

        /** The record was processed before. */
        public static Acquisition completed() {
            return new Acquisition(State.ALREADY_COMPLETED, 0, null);
        }

        /** Another invocation holds a live lease. */
        public static Acquisition heldElsewhere(Instant leaseExpiresAt) {
            return new Acquisition(State.HELD_ELSEWHERE, 0, leaseExpiresAt);
        }

        /** The states of an acquisition. */
        public enum State {
            /** The caller holds the lease and runs the record. */
            ACQUIRED,
            /** Completed earlier: skip the record. */
            ALREADY_COMPLETED,
            /** Another live invocation is running it: fail the record so Lambda retries later. */
            HELD_ELSEWHERE
        }
    }
}
