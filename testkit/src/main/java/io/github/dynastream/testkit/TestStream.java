package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.UserIdentity;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One shard of a table's stream, written change by change, as DynamoDB would write it: unique event
 * ids, strictly increasing sequence numbers, creation times a second apart, images filtered by the
 * table's view type, Time to Live deletes with DynamoDB's service identity.
 *
 * <pre>{@code
 * TestStream stream = orders.stream()
 *         .insert(order)                        // a bean, mapped like the processor maps it back
 *         .modify(order, order.withStatus(PAID))
 *         .remove(Map.of("id", AttributeValue.s("o-2")))   // or an image
 *         .ttlExpire(expiredOrder);
 * StreamsEventResponse response = processor.process(stream.toInputStream());
 * }</pre>
 *
 * <p>Items may be beans (mapped with the table's {@link io.github.dynastream.mapping.ItemMapper}) or
 * {@code Map<String, AttributeValue>} images. Not thread-safe.
 */
public final class TestStream {
    private static final BigInteger DEFAULT_FIRST_SEQUENCE = new BigInteger("400000000000000000001");
    private static final BigInteger DEFAULT_SEQUENCE_STEP = BigInteger.valueOf(100);

    private final TestTable table;
    private final List<ChangeRecord> records = new ArrayList<>();
    private BigInteger nextSequence = DEFAULT_FIRST_SEQUENCE;
    private BigInteger sequenceStep = DEFAULT_SEQUENCE_STEP;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");
    private Duration spacing = Duration.ofSeconds(1);

    TestStream(TestTable table) {
        this.table = table;
    }

    /**
     * Sets the creation time of the next record; later records follow at the spacing. DynamoDB
     * rounds creation times down to the second, and so does this.
     */
    public TestStream startingAt(Instant time) {
        this.clock = Objects.requireNonNull(time, "time");
        return this;
    }

    /** Sets the time between two records' creation times (default one second). */
    public TestStream spacedBy(Duration spacing) {
        Objects.requireNonNull(spacing, "spacing");
        if (spacing.isNegative()) {
            throw new IllegalArgumentException("spacing must not be negative but was [" + spacing + "]");
        }
        this.spacing = spacing;
        return this;
    }

    /**
     * Sets the sequence number of the next record and the step between records. The default starts
     * at {@code 400000000000000000001} (21 digits) and steps by 100; start below a power of ten to
     * check that a consumer compares sequence numbers numerically, not as strings.
     */
    public TestStream sequenceNumbersFrom(BigInteger first, long step) {
        Objects.requireNonNull(first, "first");
        if (first.signum() <= 0 || step <= 0) {
            throw new IllegalArgumentException("sequence numbers must be positive and increase but were first [" + first
                    + "], step [" + step + "]");
        }
        this.nextSequence = first;
        this.sequenceStep = BigInteger.valueOf(step);
        return this;
    }

    /** Appends an INSERT of the item. */
    public TestStream insert(Object item) {
        return append(EventName.INSERT, null, table.imageOf(item), false);
    }

    /**
     * Appends a MODIFY from one state of an item to the next.
     *
     * @throws IllegalArgumentException if the two states have different keys
     */
    public TestStream modify(Object before, Object after) {
        return append(EventName.MODIFY, table.imageOf(before), table.imageOf(after), false);
    }

    /** Appends a REMOVE of the item by a user or application. */
    public TestStream remove(Object item) {
        return append(EventName.REMOVE, table.imageOf(item), null, false);
    }

    /** Appends a REMOVE of the item by Time to Live expiry. */
    public TestStream ttlExpire(Object item) {
        return append(EventName.REMOVE, table.imageOf(item), null, true);
    }

    private TestStream append(
            EventName name, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean ttl) {
        Map<String, AttributeValue> keys = table.keysOf(before != null ? before : after);
        if (before != null && after != null && !keys.equals(table.keysOf(after))) {
            throw new IllegalArgumentException(
                    "a MODIFY keeps the item's key, but it changed from " + keys + " to " + table.keysOf(after));
        }
        Map<String, AttributeValue> oldImage = table.viewType().hasOldImage() ? before : null;
        Map<String, AttributeValue> newImage = table.viewType().hasNewImage() ? after : null;
        String sequenceNumber = nextSequence.toString();
        records.add(ChangeRecord.builder()
                .eventId(eventId(sequenceNumber))
                .eventName(name)
                .sequenceNumber(sequenceNumber)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion(table.region())
                .eventSourceArn(table.streamArn())
                .approximateCreationDateTime(Instant.ofEpochSecond(clock.getEpochSecond()))
                .streamViewType(table.viewType())
                .sizeBytes(ItemSize.of(keys) + ItemSize.of(oldImage) + ItemSize.of(newImage))
                .userIdentity(ttl ? UserIdentity.TIME_TO_LIVE : null)
                .keys(keys)
                .oldImage(oldImage)
                .newImage(newImage)
                .build());
        nextSequence = nextSequence.add(sequenceStep);
        clock = clock.plus(spacing);
        return this;
    }

    private String eventId(String sequenceNumber) {
        UUID id = UUID.nameUUIDFromBytes((table.streamArn() + "#" + sequenceNumber).getBytes(StandardCharsets.UTF_8));
        return id.toString().replace("-", "");
    }

    /** The records written so far, in stream order. */
    public List<ChangeRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    /**
     * One record by position.
     *
     * @throws IndexOutOfBoundsException if there is no such record
     */
    public ChangeRecord record(int index) {
        return records.get(index);
    }

    /** The records as consecutive batches of at most {@code size}, as Lambda reads a shard. */
    public List<List<ChangeRecord>> batches(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be > 0 but was [" + size + "]");
        }
        List<List<ChangeRecord>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += size) {
            batches.add(List.copyOf(records.subList(from, Math.min(records.size(), from + size))));
        }
        return batches;
    }

    /** The whole stream as one event, as the Lambda runtime would deserialize it. */
    public DynamodbEvent toDynamodbEvent() {
        return LambdaEvents.toDynamodbEvent(records);
    }

    /** The stream as events of at most {@code batchSize} records each. */
    public List<DynamodbEvent> toDynamodbEvents(int batchSize) {
        return batches(batchSize).stream().map(LambdaEvents::toDynamodbEvent).toList();
    }

    /** The whole stream as one Lambda event JSON document. */
    public String toJson() {
        return new String(toJsonBytes(), StandardCharsets.UTF_8);
    }

    /** The whole stream as one Lambda event JSON document, UTF-8. */
    public byte[] toJsonBytes() {
        return LambdaEvents.toJson(records);
    }

    /** The whole stream as Lambda event JSON, for {@code process(InputStream)}. */
    public InputStream toInputStream() {
        return new ByteArrayInputStream(toJsonBytes());
    }

    /**
     * The stream as Kinesis Data Streams for DynamoDB delivers it, in stream order; the returned
     * delivery adds duplicates and reordering. Records written later are not in it.
     *
     * <pre>{@code
     * StreamsEventResponse response = processor.process(stream.kinesis().duplicate(0).toKinesisEvent());
     * }</pre>
     */
    public KinesisDelivery kinesis() {
        return new KinesisDelivery(records, table.region(), table.name());
    }

    /** The whole stream as one Lambda Kinesis event JSON document, each change delivered once, in order. */
    public String toKinesisJson() {
        return kinesis().toJson();
    }

    /** The whole stream as one Kinesis event as the Lambda runtime deserializes it, in order. */
    public com.amazonaws.services.lambda.runtime.events.KinesisEvent toKinesisEvent() {
        return kinesis().toKinesisEvent();
    }

    /**
     * The whole stream as one invocation's event under Lambda's tumbling windows, in the window from
     * {@code start} to {@code end}: an empty state, not final, naming the table's stream; the returned
     * event sets the state and flags. Records written later are not in it.
     *
     * <pre>{@code
     * byte[] json = stream.timeWindow(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"))
     *         .withState(Map.of("orders", "{\"N\":\"2\"}"))
     *         .toJsonBytes();
     * }</pre>
     *
     * @throws IllegalArgumentException if the window does not end after it starts
     */
    public TimeWindowEvent timeWindow(Instant start, Instant end) {
        return TimeWindowEvent.of(records, start, end).withEventSourceArn(table.streamArn());
    }

    /**
     * The whole stream as one Lambda tumbling-window event JSON document in the window from {@code
     * start} to {@code end}, with an empty state, not final.
     *
     * <pre>{@code
     * String json = stream.toTimeWindowJson(start, start.plus(Duration.ofMinutes(5)));
     * }</pre>
     */
    public String toTimeWindowJson(Instant start, Instant end) {
        return timeWindow(start, end).toJson();
    }

    /** The stream as Lambda event JSON documents of at most {@code batchSize} records each. */
    public List<String> toJsonBatches(int batchSize) {
        return batches(batchSize).stream()
                .map(batch -> new String(LambdaEvents.toJson(batch), StandardCharsets.UTF_8))
                .toList();
    }
}
