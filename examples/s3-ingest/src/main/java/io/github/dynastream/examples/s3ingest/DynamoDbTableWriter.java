package io.github.dynastream.examples.s3ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes chunks with {@code BatchWriteItem}. DynamoDB may answer with some items unprocessed (when a
 * partition is throttled, say) without any error: those are sent again after an exponential backoff
 * with jitter, a bounded number of times, as the DynamoDB developer guide asks; if some are still
 * left, {@link UnprocessedItemsException} fails the invocation. The SDK's own retries (throttling
 * errors, 5xx) happen below this. Items are {@code file} (S, partition key), {@code line} (N, sort
 * key), {@code name} (S), {@code date} (S, ISO-8601) and {@code value} (N). Thread-safe.
 *
 * <pre>{@code
 * TableWriter table = new DynamoDbTableWriter(
 *         DynamoDbClient.create(), "IngestedRows", Backoff.of(8, Duration.ofMillis(50), Duration.ofSeconds(2)));
 * }</pre>
 */
public final class DynamoDbTableWriter implements TableWriter {
    /**
     * How unprocessed items are retried: up to {@code maxAttempts} calls in all. Before each retry the
     * writer waits a random time between zero and a ceiling ("full jitter"), so that the invocations a
     * throttled partition turned away do not all come back at the same moment; the ceiling is {@code
     * firstDelay} before the first retry, twice as long before each next one, at most {@code maxDelay}.
     *
     * <pre>{@code
     * Backoff backoff = Backoff.of(8, Duration.ofMillis(50), Duration.ofSeconds(2));
     * // in a test: record the waits, and draw 0.5 each time (half of each ceiling)
     * Backoff recorded = backoff.withSleeper(waits::add).withRandom(() -> 0.5);
     * }</pre>
     *
     * @param maxAttempts calls in all, at least 1
     * @param firstDelay the ceiling of the wait before the first retry
     * @param maxDelay the highest ceiling
     * @param sleeper how to wait (tests record the waits instead)
     * @param random draws the fraction of the ceiling to wait, in {@code [0, 1)}, once per wait
     *     ({@link ThreadLocalRandom} by default; tests give fixed fractions)
     */
    public record Backoff(
            int maxAttempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper, DoubleSupplier random) {
        public Backoff {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be > 0 but was [" + maxAttempts + "]");
            }
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(random, "random");
            if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay but were ["
                        + firstDelay + "] and [" + maxDelay + "]");
            }
        }

        /** The default: 8 calls, ceilings of 50 ms doubling up to 2 s (at most about 4.5 s of waiting). */
        public static Backoff defaults() {
            return of(8, Duration.ofMillis(50), Duration.ofSeconds(2));
        }

        /** Waits with {@link Thread#sleep}, jittered with {@link ThreadLocalRandom}. */
        public static Backoff of(int maxAttempts, Duration firstDelay, Duration maxDelay) {
            return new Backoff(
                    maxAttempts,
                    firstDelay,
                    maxDelay,
                    Sleeper.THREAD,
                    () -> ThreadLocalRandom.current().nextDouble());
        }

        /** This backoff waiting with another sleeper. */
        public Backoff withSleeper(Sleeper sleeper) {
            return new Backoff(maxAttempts, firstDelay, maxDelay, sleeper, random);
        }

        /** This backoff drawing its fractions from another source. */
        public Backoff withRandom(DoubleSupplier random) {
            return new Backoff(maxAttempts, firstDelay, maxDelay, sleeper, random);
        }

        /**
         * The wait before retry number {@code retry} (1 for the first): a fraction drawn from {@link
         * #random()} of {@link #ceilingBeforeRetry(int)}.
         *
         * @throws IllegalStateException if the drawn fraction is not in {@code [0, 1)}
         */
        public Duration delayBeforeRetry(int retry) {
            double fraction = random.getAsDouble();
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalStateException(
                        "the backoff's random source must draw from [0, 1) but drew [" + fraction + "]");
            }
            return Duration.ofNanos((long) (ceilingBeforeRetry(retry).toNanos() * fraction));
        }

        /** The longest wait before retry number {@code retry} (1 for the first), without jitter. */
        public Duration ceilingBeforeRetry(int retry) {
            Duration delay = firstDelay;
            for (int i = 1; i < retry && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        /** {@link Thread#sleep}, to the nanosecond the platform allows. */
        Sleeper THREAD = delay -> TimeUnit.NANOSECONDS.sleep(delay.toNanos());

        /** Waits for the delay. */
        void sleep(Duration delay) throws InterruptedException;
    }

    private final DynamoDbClient client;
    private final String tableName;
    private final Backoff backoff;

    /** With {@link Backoff#defaults()}. */
    public DynamoDbTableWriter(DynamoDbClient client, String tableName) {
        this(client, tableName, Backoff.defaults());
    }

    /**
     * @param client the client
     * @param tableName the table
     * @param backoff how unprocessed items are retried
     */
    public DynamoDbTableWriter(DynamoDbClient client, String tableName, Backoff backoff) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    @Override
    public void write(List<IngestedRow> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (chunk.size() > MAX_CHUNK) {
            throw new IllegalArgumentException(
                    "a chunk holds at most " + MAX_CHUNK + " rows but had [" + chunk.size() + "]");
        }
        List<WriteRequest> pending = new ArrayList<>(chunk.size());
        for (IngestedRow row : chunk) {
            pending.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(toItem(row)).build())
                    .build());
        }
        int attempts = 0;
        while (true) {
            attempts++;
            List<WriteRequest> sending = pending;
            BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(Map.of(tableName, sending)));
            pending = response.unprocessedItems().getOrDefault(tableName, List.of());
            if (pending.isEmpty()) {
                return;
            }
            if (attempts >= backoff.maxAttempts()) {
                throw new UnprocessedItemsException(tableName, pending.size(), attempts);
            }
            try {
                backoff.sleeper().sleep(backoff.delayBeforeRetry(attempts));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnprocessedItemsException(tableName, pending.size(), attempts);
            }
        }
    }

    /** The item of a row. */
    public static Map<String, AttributeValue> toItem(IngestedRow row) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("file", AttributeValue.fromS(row.file()));
        item.put("line", AttributeValue.fromN(Long.toString(row.line())));
        item.put("name", AttributeValue.fromS(row.name()));
        item.put("date", AttributeValue.fromS(row.date().toString()));
        item.put("value", AttributeValue.fromN(row.value().toString()));
        return item;
    }
}
