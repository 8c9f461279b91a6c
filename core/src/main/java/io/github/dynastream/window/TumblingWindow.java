package io.github.dynastream.window;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemReader;
import io.github.dynastream.source.ResponseAdapter;
import io.github.dynastream.source.TimeWindowResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Aggregates a DynamoDB stream in Lambda's tumbling windows
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html): each invocation brings a
 * window's state from the last one, the changes are folded into it in stream order, and the state
 * goes back to Lambda in the {@code TimeWindowEventResponse}; on the window's final invocation the
 * complete state is handed to {@link Builder#onWindowEnd}. The state is a type of your own, written
 * and read through the same {@link ItemMapper} as the items.
 *
 * <pre>{@code
 * record Totals(int orders, BigDecimal amount) {}
 *
 * TumblingWindow<Totals> window = TumblingWindow.builder(Totals.class)
 *         .initialState(() -> new Totals(0, BigDecimal.ZERO))
 *         .onInsert(Order.class, (totals, order) -> new Totals(totals.orders() + 1, totals.amount().add(order.total())))
 *         .onWindowEnd((totals, w) -> metrics.publish(w.start(), totals))
 *         .build();
 *
 * public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
 *     return window.process(event, context);
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Records are folded in stream order, one at a time; the first record whose fold (or item
 *       mapping) fails stops the invocation, as on the plain stream path: the response carries the
 *       state as it was before that record and the record's sequence number in {@code
 *       batchItemFailures}, so Lambda retries from it. Which state Lambda sends with the retry is not
 *       documented — our choice: the state returned with the failure, which holds exactly the records
 *       before the failed one, so no change is folded twice.
 *   <li>The response always carries {@code state}: "If the response does not contain the state
 *       property, Lambda considers this a failed invocation" (same page).
 *   <li>On the final invocation the records it brings, if any, are folded first; then {@link
 *       Builder#onWindowEnd} runs, unless a record failed. If it throws, the invocation fails (the
 *       exception propagates) and Lambda retries it.
 *   <li>An event without state, or with an empty one, starts from {@link Builder#initialState}.
 *   <li>Lambda processes each record at least once: a redelivered record is folded again unless the
 *       processor has an idempotency store ({@link Builder#processor}), which skips records already
 *       completed.
 * </ul>
 *
 * <p>Thread-safe: invocations are processed one at a time, as Lambda calls a function instance.
 *
 * @param <S> the state type
 */
// Context (aws-lambda-java-core) is an optional dependency, required static: see module-info.java.
@SuppressWarnings("exports")
public final class TumblingWindow<S> {
    private static final JsonFactory JSON = new JsonFactory();

    private final Class<S> stateType;
    private final Supplier<S> initialState;
    private final WindowEnd<S> onWindowEnd;
    private final StateCodec<S> codec;
    private final StreamProcessor processor;
    private final Folds<S> folds;

    private TumblingWindow(Builder<S> builder) {
        this.stateType = builder.stateType;
        this.initialState = builder.initialState;
        this.onWindowEnd = builder.onWindowEnd;
        this.codec = new StateCodec<>(builder.stateType, builder.itemMapper);
        this.folds = new Folds<>(builder.folds);
        StreamProcessor.Builder processing = StreamProcessor.builder().itemMapper(builder.itemMapper);
        builder.processorOptions.accept(processing);
        this.processor = processing.handler(folds).build();
    }

    /** Starts configuring the aggregation of a state of the given type. */
    public static <S> Builder<S> builder(Class<S> stateType) {
        return new Builder<>(stateType);
    }

    /** Processes an invocation the Lambda runtime has deserialized. */
    public TimeWindowEventResponse process(DynamodbTimeWindowEvent event) {
        return process(event, null);
    }

    /**
     * Processes an invocation the Lambda runtime has deserialized, passing its context on to the
     * processor (idempotency leases, retry deadlines).
     *
     * @throws MalformedEventException if a record lacks its eventID, event name or sequence number
     * @throws IllegalArgumentException if the event's state is not one this aggregation returned
     * @throws WindowEndException if {@link Builder#onWindowEnd} failed; Lambda retries the invocation
     */
    public TimeWindowEventResponse process(DynamodbTimeWindowEvent event, Context context) {
        Objects.requireNonNull(event, "event");
        TimeWindow window = event.getWindow();
        Window described = window == null
                ? null
                : new Window(
                        instant(window.getStart(), "window.start"),
                        instant(window.getEnd(), "window.end"),
                        Optional.ofNullable(event.getShardId()),
                        Boolean.TRUE.equals(event.getIsFinalInvokeForWindow()),
                        Boolean.TRUE.equals(event.getIsWindowTerminatedEarly()));
        return run(event.getState(), described, responses -> processor.process(event, context, responses));
    }

    /**
     * Processes raw tumbling-window event JSON and writes the {@code TimeWindowEventResponse} JSON,
     * for a {@code RequestStreamHandler}: {@code {"state":{...},"batchItemFailures":[...]}}. Does not
     * close either stream.
     *
     * @throws MalformedEventException if the input is not a DynamoDB tumbling-window event
     */
    public void process(InputStream event, OutputStream response, Context context) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(response, "response");
        byte[] bytes;
        try {
            bytes = event.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the event failed", e);
        }
        Header header = Header.read(bytes);
        TimeWindowEventResponse result = run(
                header.state(),
                header.window(),
                responses -> processor.process(new ByteArrayInputStream(bytes), context, responses));
        write(result, response);
    }

    private synchronized TimeWindowEventResponse run(
            Map<String, String> state,
            Window window,
            Function<ResponseAdapter<TimeWindowEventResponse>, TimeWindowEventResponse> processing) {
        S current = state == null || state.isEmpty() ? initialState.get() : codec.decode(state);
        folds.begin(current);
        TimeWindowEventResponse response;
        try {
            response = processing.apply(TimeWindowResponses.withState(() -> codec.encode(folds.current())));
        } finally {
            current = folds.end();
        }
        boolean failed = !response.getBatchItemFailures().isEmpty();
        if (!failed && window != null && window.finalInvoke()) {
            try {
                onWindowEnd.accept(current, window);
            } catch (Error e) {
                throw e;
            } catch (Exception e) {
                throw new WindowEndException(window, e);
            }
        }
        return response;
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(Objects.requireNonNull(text, field));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new MalformedEventException("the tumbling-window event's " + field + " is not an ISO-8601 instant");
        }
    }

    private static void write(TimeWindowEventResponse result, OutputStream response) {
        try (JsonGenerator out = JSON.createGenerator(response)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            out.writeStartObject();
            out.writeObjectFieldStart("state");
            for (Map.Entry<String, String> entry : result.getState().entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
            out.writeArrayFieldStart("batchItemFailures");
            for (TimeWindowEventResponse.BatchItemFailure failure : result.getBatchItemFailures()) {
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

    @Override
    public String toString() {
        return "TumblingWindow[" + stateType.getName() + "]";
    }

    /** The window fields of a raw event: everything but its records, which are skipped. */
    private record Header(Map<String, String> state, Window window) {
        static Header read(byte[] json) {
            Map<String, String> state = null;
            String start = null;
            String end = null;
            String shardId = null;
            boolean finalInvoke = false;
            boolean terminatedEarly = false;
            try (JsonParser in = JSON.createParser(json)) {
                if (in.nextToken() != JsonToken.START_OBJECT) {
                    throw new MalformedEventException("the tumbling-window event is not a JSON object");
                }
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    JsonToken value = in.nextToken();
                    switch (name) {
                        case "state" -> state = stateOf(in, value);
                        case "window" -> {
                            if (value == JsonToken.START_OBJECT) {
                                while (in.nextToken() == JsonToken.FIELD_NAME) {
                                    String field = in.currentName();
                                    in.nextToken();
                                    if (field.equals("start")) {
                                        start = in.getValueAsString();
                                    } else if (field.equals("end")) {
                                        end = in.getValueAsString();
                                    } else {
                                        in.skipChildren();
                                    }
                                }
                            } else {
                                in.skipChildren();
                            }
                        }
                        case "shardId" -> shardId = in.getValueAsString();
                        case "isFinalInvokeForWindow" -> finalInvoke = value == JsonToken.VALUE_TRUE;
                        case "isWindowTerminatedEarly" -> terminatedEarly = value == JsonToken.VALUE_TRUE;
                        default -> in.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new MalformedEventException("the tumbling-window event is not valid JSON", e);
            }
            Window window = start == null && end == null
                    ? null
                    : new Window(
                            instant(start, "window.start"),
                            instant(end, "window.end"),
                            Optional.ofNullable(shardId),
                            finalInvoke,
                            terminatedEarly);
            return new Header(state, window);
        }

        private static Map<String, String> stateOf(JsonParser in, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.START_OBJECT) {
                throw new MalformedEventException("the tumbling-window event's state is not a JSON object");
            }
            Map<String, String> state = new LinkedHashMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                if (in.nextToken() != JsonToken.VALUE_STRING) {
                    throw new MalformedEventException("the tumbling-window event's " + "state." + name + " "
                            + "is not a string (state is a Map<String, String>)");
                }
                state.put(name, in.getText());
            }
            return state;
        }
    }

    /**
     * The folds of one aggregation, as handler methods of the processor that reads the records: the
     * state of the invocation under way lives here between {@link #begin} and {@link #end}.
     */
    static final class Folds<S> {
        private final Map<EventName, List<Registered<S, ?>>> folds;
        private S state;

        Folds(Map<EventName, List<Registered<S, ?>>> folds) {
            this.folds = folds;
        }

        void begin(S initial) {
            state = initial;
        }

        S current() {
            return state;
        }

        S end() {
            S last = state;
            state = null;
            return last;
        }

        @OnInsert
        void inserted(ChangeRecord record) throws Exception {
            fold(EventName.INSERT, record);
        }

        @OnModify
        void modified(ChangeRecord record) throws Exception {
            fold(EventName.MODIFY, record);
        }

        @OnRemove
        void removed(ChangeRecord record) throws Exception {
            fold(EventName.REMOVE, record);
        }

        private void fold(EventName name, ChangeRecord record) throws Exception {
            S next = state;
            for (Registered<S, ?> fold : folds.getOrDefault(name, List.of())) {
                next = fold.apply(next, record);
            }
            state = next; // only once every fold of the record succeeded
        }
    }

    /** One registered fold and how it reads its argument from a record. */
    private record Registered<S, T>(ItemReader<?> reader, boolean change, EventName name, Fold<S, T> fold) {
        @SuppressWarnings("unchecked")
        S apply(S state, ChangeRecord record) throws Exception {
            Object argument;
            if (change) {
                Object before = record.oldImage().map(reader::read).orElse(null);
                Object after = record.newImage().map(reader::read).orElse(null);
                argument = new Change<>(before, after);
            } else {
                Map<String, io.github.dynastream.AttributeValue> image = name == EventName.REMOVE
                        ? record.oldImage().orElse(null)
                        : record.newImage().orElse(null);
                if (image == null) {
                    throw new IllegalStateException("record " + record.eventId() + " has no "
                            + (name == EventName.REMOVE ? "OldImage" : "NewImage")
                            + " to fold; the stream's view type must include it");
                }
                argument = reader.read(image);
            }
            S next = fold.apply(state, (T) argument);
            if (next == null) {
                throw new IllegalStateException("the fold for " + name + " returned no state");
            }
            return next;
        }
    }

    /** {@link Builder#onWindowEnd} failed; Lambda retries the final invocation. */
    public static final class WindowEndException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WindowEndException(Window window, Throwable cause) {
            super(
                    "acting on the window " + window.start() + " to " + window.end() + " failed: "
                            + cause.getClass().getName(),
                    cause);
        }
    }

    /** Configures a {@link TumblingWindow}. Not thread-safe. */
    public static final class Builder<S> {
        private final Class<S> stateType;
        private Supplier<S> initialState;
        private WindowEnd<S> onWindowEnd = (state, window) -> {};
        private ItemMapper itemMapper = ItemMapper.jackson();
        private Consumer<StreamProcessor.Builder> processorOptions = options -> {};
        private final Map<EventName, List<Registered<S, ?>>> folds = new EnumMap<>(EventName.class);
        private final List<Pending<S>> pending = new ArrayList<>();

        private Builder(Class<S> stateType) {
            this.stateType = Objects.requireNonNull(stateType, "stateType");
        }

        /** The state a window starts from (required): {@code .initialState(() -> new Totals(0))}. */
        public Builder<S> initialState(Supplier<S> initialState) {
            this.initialState = Objects.requireNonNull(initialState, "initialState");
            return this;
        }

        /** Folds each inserted item (its NewImage) into the state. */
        public <T> Builder<S> onInsert(Class<T> itemType, Fold<S, T> fold) {
            pending.add(new Pending<>(EventName.INSERT, false, itemType, fold));
            return this;
        }

        /** Folds each modification ({@code Change} of the OldImage and NewImage) into the state. */
        public <T> Builder<S> onModify(Class<T> itemType, Fold<S, Change<T>> fold) {
            pending.add(new Pending<>(EventName.MODIFY, true, itemType, fold));
            return this;
        }

        /** Folds each removed item (its OldImage) into the state. */
        public <T> Builder<S> onRemove(Class<T> itemType, Fold<S, T> fold) {
            pending.add(new Pending<>(EventName.REMOVE, false, itemType, fold));
            return this;
        }

        /** Acts on the complete state on the window's final invocation (default: nothing). */
        public Builder<S> onWindowEnd(WindowEnd<S> onWindowEnd) {
            this.onWindowEnd = Objects.requireNonNull(onWindowEnd, "onWindowEnd");
            return this;
        }

        /** How items and the state are mapped (default {@link ItemMapper#jackson()}). */
        public Builder<S> itemMapper(ItemMapper itemMapper) {
            this.itemMapper = Objects.requireNonNull(itemMapper, "itemMapper");
            return this;
        }

        /**
         * Options for the processor that reads the records, e.g. an idempotency store so that a
         * redelivered record is not folded twice: {@code .processor(p -> p.idempotency(store))}.
         * Its handlers are this aggregation's folds; add none of your own.
         */
        public Builder<S> processor(Consumer<StreamProcessor.Builder> options) {
            this.processorOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Builds the aggregation; item readers and the state's mapping are resolved here.
         *
         * @throws IllegalStateException if there is no initial state or no fold
         */
        public TumblingWindow<S> build() {
            if (initialState == null) {
                throw new IllegalStateException("no initial state: call initialState(() -> ...)");
            }
            if (pending.isEmpty()) {
                throw new IllegalStateException("no fold: call onInsert, onModify or onRemove");
            }
            folds.clear();
            for (Pending<S> fold : pending) {
                folds.computeIfAbsent(fold.name(), n -> new ArrayList<>())
                        .add(new Registered<>(
                                itemMapper.readerFor(fold.itemType()), fold.change(), fold.name(), fold.fold()));
            }
            return new TumblingWindow<>(this);
        }

        private record Pending<S>(EventName name, boolean change, Class<?> itemType, Fold<S, ?> fold) {}
    }
}
