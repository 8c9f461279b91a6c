package io.github.dynastream.examples.s3ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes chunks with {@code BatchWriteItem}. DynamoDB may answer with some items unprocessed (when a
 * partition is throttled, say) without any error: those are sent again after an exponential backoff,
 * a bounded number of times, as the DynamoDB developer guide asks; if some are still left, {@link
 * UnprocessedItemsException} fails the invocation. The SDK's own retries (throttling errors, 5xx)
 * happen below this. Items are {@code file} (S, partition key), {@code line} (N, sort key), {@code
 * name} (S), {@code date} (S, ISO-8601) and {@code value} (N). Thread-safe.
 *
 * <pre>{@code
 * TableWriter table = new DynamoDbTableWriter(
 *         DynamoDbClient.create(), "IngestedRows", Backoff.of(8, Duration.ofMillis(50), Duration.ofSeconds(2)));
 * }</pre>
 */
public final class DynamoDbTableWriter implements TableWriter {
    /**
     * How unprocessed items are retried: up to {@code maxAttempts} calls in all, waiting {@code
     * firstDelay} before the first retry and twice as long before each next one, at most {@code
     * maxDelay}.
     *
     * @param maxAttempts calls in all, at least 1
     * @param firstDelay the wait before the first retry
     * @param maxDelay the longest wait
     * @param sleeper how to wait (tests record the waits instead)
     */
    public record Backoff(int maxAttempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
        public Backoff {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be > 0 but was [" + maxAttempts + "]");
            }
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(sleeper, "sleeper");
            if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay but were ["
                        + firstDelay + "] and [" + maxDelay + "]");
            }
        }

        /** The default: 8 calls, 50 ms doubling up to 2 s (about 4.5 s of waiting at most). */
        public static Backoff defaults() {
            return of(8, Duration.ofMillis(50), Duration.ofSeconds(2));
        }

        /** Waits with {@link Thread#sleep}. */
        public static Backoff of(int maxAttempts, Duration firstDelay, Duration maxDelay) {
            return new Backoff(maxAttempts, firstDelay, maxDelay, Sleeper.THREAD);
        }

        /** This backoff waiting with another sleeper. */
        public Backoff withSleeper(Sleeper sleeper) {
            return new Backoff(maxAttempts, firstDelay, maxDelay, sleeper);
        }

        Duration delayBeforeRetry(int retry) {
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
        /** {@link Thread#sleep}. */
        Sleeper THREAD = delay -> Thread.sleep(delay.toMillis());

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
