package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.internal.Dispatcher;
import io.github.dynastream.internal.HandlerScanner;
import io.github.dynastream.mapping.ItemMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes DynamoDB stream batches with annotated handler methods: the entry point of dynastream.
 *
 * <pre>{@code
 * public class Handler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
 *     private static final StreamProcessor PROCESSOR =
 *             StreamProcessor.builder().handler(new OrderEvents()).build();
 *
 *     public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
 *         return PROCESSOR.process(event);
 *     }
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Records run one at a time in batch order. Processing stops at the first record that fails
 *       (a handler throws, an image cannot be mapped or is missing); the response names exactly that
 *       record's sequence number and no later record is invoked, so per-item order holds when Lambda
 *       retries from there. An empty response means every record succeeded.
 *   <li>For each record, the methods registered for its event name run in this order: handlers in
 *       the order they were passed to {@link Builder#handler(Object)}; within one handler, methods
 *       by name, then by parameter types. The first exception ends the record.
 *   <li>A record no method wants succeeds. Images are decoded and mapped only when a called method
 *       needs them, once per record and item type.
 *   <li>Input that is not a DynamoDB stream event throws {@link MalformedEventException}; it never
 *       yields an empty success.
 *   <li>Failures are logged at WARN through SLF4J with eventID, sequence number and key attributes;
 *       image attribute values are never logged.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; build one per function, in a static field, and reuse
 * it for every invocation.
 */
public final class StreamProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessor.class);

    private final Dispatcher dispatcher;
    private final EventJsonReader jsonReader;
    private final JsonFactory jsonFactory;

    private StreamProcessor(Dispatcher dispatcher, JsonFactory jsonFactory) {
        this.dispatcher = dispatcher;
        this.jsonFactory = jsonFactory;
        this.jsonReader = new EventJsonReader(jsonFactory);
    }

    /** Starts configuring a processor. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes an event the Lambda runtime has deserialized.
     *
     * @return the partial batch response: empty, or the first failed record's sequence number
     * @throws MalformedEventException if the event has no records list or a record lacks an eventID,
     *     event name or sequence number
     */
    public StreamsEventResponse process(DynamodbEvent event) {
        return processRecords(DynamodbEventConverter.convert(event)).toResponse();
    }

    /**
     * Processes raw Lambda event JSON, for a {@code RequestStreamHandler}. Reads {@code {"Records":
     * [...]}} and a top-level array of records (EventBridge Pipes), losslessly: numbers exact,
     * creation times to the nanosecond. The records of a tumbling-window event are processed like any
     * others; its window state is not read or returned. Does not close the stream.
     *
     * @return the partial batch response: empty, or the first failed record's sequence number
     * @throws MalformedEventException if the input is not valid JSON or not a DynamoDB stream event,
     *     saying what was seen and where
     * @throws UncheckedIOException if reading the stream fails
     */
    public StreamsEventResponse process(InputStream event) {
        Objects.requireNonNull(event, "event");
        byte[] bytes;
        try {
            bytes = event.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the event failed", e);
        }
        return processRecords(jsonReader.read(bytes)).toResponse();
    }

    /**
     * Processes raw Lambda event JSON and writes the response JSON, the whole body of a {@code
     * RequestStreamHandler}:
     *
     * <pre>{@code
     * public void handleRequest(InputStream input, OutputStream output, Context context) {
     *     PROCESSOR.process(input, output);
     * }
     * }</pre>
     *
     * <p>Writes {@code {"batchItemFailures":[...]}}; does not close either stream.
     */
    public void process(InputStream event, OutputStream response) {
        Objects.requireNonNull(response, "response");
        StreamsEventResponse result = process(event);
        try (JsonGenerator out = jsonFactory.createGenerator(response)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            out.writeStartObject();
            out.writeArrayFieldStart("batchItemFailures");
            for (StreamsEventResponse.BatchItemFailure failure : result.getBatchItemFailures()) {
                out.writeStartObject();
                out.writeStringField("itemIdentifier", failure.getItemIdentifier());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the response failed", e);
        }
    }

    /**
     * Processes records from any source (tests, other adapters) and tells what happened to each.
     *
     * @throws Error if a handler throws one; the whole invocation fails and Lambda retries the batch
     */
    public BatchResult processRecords(List<ChangeRecord> records) {
        Objects.requireNonNull(records, "records");
        for (int i = 0; i < records.size(); i++) {
            ChangeRecord record = records.get(i);
            try {
                dispatcher.dispatch(record);
            } catch (Error e) {
                throw e;
            } catch (Throwable cause) {
                List<ChangeRecord> rest = records.subList(i + 1, records.size());
                logFailure(record, cause, rest.size());
                return new BatchResult(
                        records.subList(0, i),
                        java.util.Optional.of(new BatchResult.RecordFailure(record, cause)),
                        rest);
            }
        }
        return new BatchResult(records, java.util.Optional.empty(), List.of());
    }

    private static void logFailure(ChangeRecord record, Throwable cause, int notAttempted) {
        LOG.warn(
                "Record failed; reporting it to Lambda and stopping the batch ({} later record(s) not attempted):"
                        + " eventID={}, sequenceNumber={}, keys={}",
                notAttempted,
                record.eventId(),
                record.sequenceNumber(),
                describeKeys(record),
                cause);
    }

    private static String describeKeys(ChangeRecord record) {
        try {
            StringJoiner keys = new StringJoiner(", ", "{", "}");
            for (Map.Entry<String, AttributeValue> key : record.keys().entrySet()) {
                keys.add(key.getKey() + "=" + describeKey(key.getValue()));
            }
            return keys.toString();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String describeKey(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return n.value().toPlainString();
        }
        return value.toString();
    }

    /** The handler methods for an event name, in invocation order, e.g. {@code OrderEvents.created(Order)}. */
    public List<String> handlerMethods(EventName eventName) {
        return dispatcher.methodsFor(Objects.requireNonNull(eventName, "eventName"));
    }

    /**
     * Configures a {@link StreamProcessor}. Setters only reject null; {@link #build()} checks the
     * handlers. Not thread-safe.
     */
    public static final class Builder {
        private final List<Object> handlers = new ArrayList<>();
        private ItemMapper itemMapper;

        private Builder() {}

        /**
         * Adds a handler object: any class (top-level, nested, local, anonymous) with public or
         * package-private methods annotated {@link OnInsert}, {@link OnModify} or {@link OnRemove}.
         * Repeatable; handlers run in the order added.
         */
        public Builder handler(Object handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Sets how images become items; defaults to {@link ItemMapper#jackson()}. */
        public Builder itemMapper(ItemMapper itemMapper) {
            this.itemMapper = Objects.requireNonNull(itemMapper, "itemMapper");
            return this;
        }

        /**
         * Scans the handlers and prepares everything the per-record path needs: method handles and an
         * item reader per item type.
         *
         * @throws IllegalStateException if no handler was added
         * @throws HandlerDefinitionException if a handler method cannot be used, naming class, method
         *     and reason
         */
        public StreamProcessor build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("at least one handler is required but none was added");
            }
            ItemMapper mapper = itemMapper != null ? itemMapper : ItemMapper.jackson();
            Dispatcher dispatcher = new HandlerScanner(mapper).scan(List.copyOf(handlers));
            return new StreamProcessor(dispatcher, new JsonFactory());
        }
    }
}
