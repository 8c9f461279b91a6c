package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.ChangeRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation's event under Lambda's tumbling windows
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html), in the two forms a
 * function receives it: the event JSON and the {@link DynamodbTimeWindowEvent} the managed runtime
 * deserializes from it. The JSON is the DynamoDB Streams event's {@code Records} plus {@code window}
 * ({@code start} and {@code end} as ISO-8601 instants, e.g. {@code "2020-07-30T17:00:00Z"}), {@code
 * state} (an object of string values), {@code shardId}, {@code eventSourceARN}, {@code
 * isFinalInvokeForWindow} and {@code isWindowTerminatedEarly}.
 *
 * <pre>{@code
 * TimeWindowEvent event = stream.timeWindow(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"))
 *         .withState(Map.of("orders", "{\"N\":\"2\"}"))
 *         .withFinalInvoke(true);
 * new OrderTotalsHandler().handleRequest(event.toInputStream(), output, context);
 * }</pre>
 *
 * <p>Immutable and thread-safe: every {@code with...} method returns a new event.
 */
public final class TimeWindowEvent {
    /** The shard id an event names unless told otherwise, as the {@link TumblingWindowSimulator} does. */
    static final String DEFAULT_SHARD_ID = "shardId-00000001767225600000-00000001";

    private static final JsonFactory JSON = new JsonFactory();

    private final List<ChangeRecord> records;
    private final Instant start;
    private final Instant end;
    private final Map<String, String> state;
    private final String shardId;
    private final String eventSourceArn;
    private final boolean finalInvoke;
    private final boolean terminatedEarly;

    private TimeWindowEvent(
            List<ChangeRecord> records,
            Instant start,
            Instant end,
            Map<String, String> state,
            String shardId,
            String eventSourceArn,
            boolean finalInvoke,
            boolean terminatedEarly) {
        this.records = records;
        this.start = start;
        this.end = end;
        this.state = state;
        this.shardId = shardId;
        this.eventSourceArn = eventSourceArn;
        this.finalInvoke = finalInvoke;
        this.terminatedEarly = terminatedEarly;
    }

    /**
     * An event that brings a batch of records in the window from {@code start} to {@code end}, with an
     * empty state, not final, naming the first record's stream ARN (none if the batch is empty).
     *
     * <pre>{@code
     * List<TimeWindowEvent> events = stream.batches(2).stream()
     *         .map(batch -> TimeWindowEvent.of(batch, start, start.plus(Duration.ofMinutes(5))))
     *         .toList();
     * }</pre>
     *
     * @param records the records, in stream order; none for a final invocation without records
     * @throws IllegalArgumentException if the window does not end after it starts
     */
    public static TimeWindowEvent of(List<ChangeRecord> records, Instant start, Instant end) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "a window must end after it starts but was [" + start + "] to [" + end + "]");
        }
        List<ChangeRecord> batch = List.copyOf(records);
        String arn = batch.isEmpty() ? null : batch.get(0).eventSourceArn().orElse(null);
        return new TimeWindowEvent(batch, start, end, Map.of(), DEFAULT_SHARD_ID, arn, false, false);
    }

    /**
     * The same event with the state the previous invocation returned ({@code state} in the JSON).
     *
     * <pre>{@code
     * event.withState(Map.of("customer", "alice", "orders", "{\"N\":\"2\"}"))
     * }</pre>
     *
     * @throws NullPointerException if the state or one of its keys or values is null
     */
    public TimeWindowEvent withState(Map<String, String> state) {
        Objects.requireNonNull(state, "state");
        Map<String, String> copy = new LinkedHashMap<>();
        state.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "state key"),
                Objects.requireNonNull(value, () -> "state value of [" + key + "]")));
        return new TimeWindowEvent(
                records,
                start,
                end,
                Collections.unmodifiableMap(copy),
                shardId,
                eventSourceArn,
                finalInvoke,
                terminatedEarly);
    }

    /**
     * The same event from another shard ({@code shardId}).
     *
     * <pre>{@code
     * event.withShardId("shardId-00000001767225600000-0000000a")
     * }</pre>
     */
    public TimeWindowEvent withShardId(String shardId) {
        Objects.requireNonNull(shardId, "shardId");
        return new TimeWindowEvent(records, start, end, state, shardId, eventSourceArn, finalInvoke, terminatedEarly);
    }

    /**
     * The same event naming another stream ({@code eventSourceARN} at the top of the event; the records
     * keep their own).
     *
     * <pre>{@code
     * event.withEventSourceArn(orders.streamArn())
     * }</pre>
     */
    public TimeWindowEvent withEventSourceArn(String eventSourceArn) {
        Objects.requireNonNull(eventSourceArn, "eventSourceArn");
        return new TimeWindowEvent(records, start, end, state, shardId, eventSourceArn, finalInvoke, terminatedEarly);
    }

    /**
     * The same event as the window's final invocation, or not ({@code isFinalInvokeForWindow}).
     *
     * <pre>{@code
     * TimeWindowEvent.of(List.of(), start, end).withState(lastState).withFinalInvoke(true)
     * }</pre>
     */
    public TimeWindowEvent withFinalInvoke(boolean finalInvoke) {
        return new TimeWindowEvent(records, start, end, state, shardId, eventSourceArn, finalInvoke, terminatedEarly);
    }

    /**
     * The same event with the window ended before its time, or not ({@code isWindowTerminatedEarly}).
     *
     * <pre>{@code
     * event.withFinalInvoke(true).withWindowTerminatedEarly(true)   // the state passed 1 MB
     * }</pre>
     */
    public TimeWindowEvent withWindowTerminatedEarly(boolean terminatedEarly) {
        return new TimeWindowEvent(records, start, end, state, shardId, eventSourceArn, finalInvoke, terminatedEarly);
    }

    /** The records, in stream order. */
    public List<ChangeRecord> records() {
        return records;
    }

    /** When the window opens ({@code window.start}). */
    public Instant start() {
        return start;
    }

    /** When the window closes ({@code window.end}). */
    public Instant end() {
        return end;
    }

    /** The state the invocation brings, in the order given. */
    public Map<String, String> state() {
        return state;
    }

    /** The shard id. */
    public String shardId() {
        return shardId;
    }

    /** The stream ARN at the top of the event, if it names one. */
    public Optional<String> eventSourceArn() {
        return Optional.ofNullable(eventSourceArn);
    }

    /** Whether it is the window's final invocation ({@code isFinalInvokeForWindow}). */
    public boolean finalInvoke() {
        return finalInvoke;
    }

    /** Whether Lambda ended the window early ({@code isWindowTerminatedEarly}). */
    public boolean terminatedEarly() {
        return terminatedEarly;
    }

    /**
     * The event as Lambda's JSON document, UTF-8.
     *
     * <pre>{@code
     * byte[] json = stream.timeWindow(start, end).withState(state).toJsonBytes();
     * }</pre>
     */
    public byte[] toJsonBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (ChangeRecord record : records) {
                LambdaEvents.writeRecord(out, record);
            }
            out.writeEndArray();
            out.writeObjectFieldStart("window");
            out.writeStringField("start", start.toString());
            out.writeStringField("end", end.toString());
            out.writeEndObject();
            out.writeObjectFieldStart("state");
            for (Map.Entry<String, String> entry : state.entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
            out.writeStringField("shardId", shardId);
            if (eventSourceArn != null) {
                out.writeStringField("eventSourceARN", eventSourceArn);
            }
            out.writeBooleanField("isFinalInvokeForWindow", finalInvoke);
            out.writeBooleanField("isWindowTerminatedEarly", terminatedEarly);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The event as Lambda's JSON document.
     *
     * <pre>{@code
     * String json = stream.timeWindow(start, end).withFinalInvoke(true).toJson();
     * }</pre>
     */
    public String toJson() {
        return new String(toJsonBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The event JSON as a stream, for a {@code RequestStreamHandler} or {@code
     * TumblingWindow.process(InputStream, OutputStream, Context)}.
     *
     * <pre>{@code
     * window.process(stream.timeWindow(start, end).toInputStream(), output, context);
     * }</pre>
     */
    public InputStream toInputStream() {
        return new ByteArrayInputStream(toJsonBytes());
    }

    /**
     * The event as the managed Java runtime deserializes it, for a function that takes a {@code
     * DynamodbTimeWindowEvent}. A {@link TimeWindowHandlerFunction} given it writes it as this event's
     * JSON.
     *
     * <pre>{@code
     * TimeWindowEventResponse response = window.process(stream.timeWindow(start, end).toDynamodbTimeWindowEvent());
     * }</pre>
     */
    public DynamodbTimeWindowEvent toDynamodbTimeWindowEvent() {
        WindowBatchEvent event = new WindowBatchEvent(this);
        event.setRecords(LambdaEvents.toDynamodbEvent(records).getRecords());
        event.setWindow(TimeWindow.builder()
                .withStart(start.toString())
                .withEnd(end.toString())
                .build());
        event.setState(new LinkedHashMap<>(state));
        event.setShardId(shardId);
        event.setEventSourceArn(eventSourceArn);
        event.setIsFinalInvokeForWindow(finalInvoke);
        event.setIsWindowTerminatedEarly(terminatedEarly);
        return event;
    }

    @Override
    public String toString() {
        return "TimeWindowEvent[" + start + ".." + end + ", " + records.size() + " record(s), " + state.size()
                + " state entr" + (state.size() == 1 ? "y" : "ies") + (finalInvoke ? ", final" : "")
                + (terminatedEarly ? ", terminated early" : "") + "]";
    }

    /**
     * The object form, which remembers the event it was made of, so that a {@link
     * TimeWindowHandlerFunction} writes the JSON from its records: without a round trip through {@code
     * java.util.Date}, which would cut creation times to the millisecond.
     */
    static final class WindowBatchEvent extends DynamodbTimeWindowEvent {
        private static final long serialVersionUID = 1L;

        private final transient TimeWindowEvent source;

        WindowBatchEvent(TimeWindowEvent source) {
            this.source = source;
        }

        TimeWindowEvent source() {
            return source;
        }
    }
}
