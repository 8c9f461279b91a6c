package io.github.dynastream;

import io.github.dynastream.internal.InMemoryLastAppliedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers, per item, when the last change applied to it was made, so that a change older than that
 * is skipped instead of moving the item backwards: the opt-in guard of {@link
 * StreamProcessor.Builder#skipOlderChanges(LastAppliedStore)} for sources that may deliver an item's
 * changes out of order, as Kinesis Data Streams for DynamoDB may.
 *
 * <pre>{@code
 * StreamProcessor processor = StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .idempotency(IdempotencyStore.inMemory())        // duplicates: same eventID
 *         .skipOlderChanges(LastAppliedStore.inMemory())   // reordering: an older change of the same item
 *         .build();
 * }</pre>
 *
 * <p>Items are named by a key the processor makes: {@code <table>#<digest>}, where the digest is the
 * URL-safe base64 SHA-256 of the item's key attributes (names, types and values), so no attribute value
 * is stored or shown. Times are the records' {@link ChangeRecord#approximateCreationDateTime()} at the
 * precision the source gave (milliseconds or microseconds on Kinesis, seconds on DynamoDB Streams).
 *
 * <p>Implementations must be thread-safe: in parallel mode, records of different items are checked
 * and recorded at the same time (those of one item never are).
 */
public interface LastAppliedStore {
    /**
     * When the last change applied to the item was made, if any is remembered.
     *
     * @param itemKey the processor's key of the item (table and digest of its key attributes)
     */
    Optional<Instant> lastApplied(String itemKey);

    /**
     * Records that a change made at {@code createdAt} was applied to the item. Keeps the later of the
     * time already remembered and this one, so that concurrent or repeated calls never move it back.
     */
    void recordApplied(String itemKey, Instant createdAt);

    /**
     * A store in this JVM only: 100,000 items at most (those used least recently are forgotten
     * first), each remembered for 7 days after its last change. Enough when one instance processes a
     * shard; it does not survive a cold start, so a reordering that spans one is not caught.
     */
    static LastAppliedStore inMemory() {
        return inMemory(100_000, Duration.ofDays(7), Clock.systemUTC());
    }

    /**
     * A store in this JVM only, with its limits.
     *
     * @param maximumItems how many items to remember at most, > 0
     * @param keepFor how long after its last change an item is remembered, positive
     * @param clock the time source for expiry
     * @throws IllegalArgumentException if a limit is out of range
     */
    static LastAppliedStore inMemory(int maximumItems, Duration keepFor, Clock clock) {
        if (maximumItems < 1) {
            throw new IllegalArgumentException("maximum items must be > 0 but was [" + maximumItems + "]");
        }
        Objects.requireNonNull(keepFor, "keepFor");
        if (keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("keepFor must be positive but was [" + keepFor + "]");
        }
        return new InMemoryLastAppliedStore(maximumItems, keepFor, Objects.requireNonNull(clock, "clock"));
    }
}
