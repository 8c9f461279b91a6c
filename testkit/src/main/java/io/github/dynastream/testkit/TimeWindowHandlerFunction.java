package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynastream.testkit.StreamHandlerFunction.InvalidResponseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A tumbling-window function deployed as a {@link RequestStreamHandler} (for example a subclass of
 * {@code DynamoDbTimeWindowHandler}), called the way the Lambda runtime calls it: the tumbling-window
 * event as JSON bytes in ({@link TimeWindowEvent#toJsonBytes()}), the {@code TimeWindowEventResponse}
 * read back from the JSON the handler wrote. Give it to the {@link TumblingWindowSimulator} to test
 * the class you deploy, entry point included; the state each response carries goes into the next
 * invocation's JSON.
 *
 * <pre>{@code
 * List<WindowInvocation> invocations = TumblingWindowSimulator.builder()
 *         .window(Duration.ofMinutes(5))
 *         .build()
 *         .run(stream, TimeWindowHandlerFunction.of(new OrderTotalsHandler()));
 * }</pre>
 *
 * <p>The response is read as Lambda reads it: {@code {"state":{...},"batchItemFailures":[...]}};
 * nothing written, {@code null}, or a response without {@code state} is a response without state,
 * which the simulator counts as a failed invocation. Output that is not such JSON makes the call fail
 * with a {@link StreamHandlerFunction.InvalidResponseException}, also a failed invocation. A state
 * value that is not a string is such output here: Lambda passes any JSON on, but the simulator
 * carries the state as {@code Map<String, String>}, as Lambda recommends for Java. Thread-safe if the
 * handler is.
 */
public final class TimeWindowHandlerFunction implements Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> {
    private final RequestStreamHandler handler;
    private final Duration timeout;

    private TimeWindowHandlerFunction(RequestStreamHandler handler, Duration timeout) {
        this.handler = handler;
        this.timeout = timeout;
    }

    /**
     * The handler, called with a context whose remaining time starts at Lambda's maximum, 15 minutes.
     *
     * <pre>{@code
     * TimeWindowHandlerFunction function = TimeWindowHandlerFunction.of(new OrderTotalsHandler());
     * }</pre>
     */
    public static TimeWindowHandlerFunction of(RequestStreamHandler handler) {
        return of(handler, Duration.ofMinutes(15));
    }

    /**
     * The handler, called with a context whose remaining time starts at {@code timeout}.
     *
     * <pre>{@code
     * TimeWindowHandlerFunction.of(new OrderTotalsHandler(), Duration.ofSeconds(30))
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static TimeWindowHandlerFunction of(RequestStreamHandler handler, Duration timeout) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was [" + timeout + "]");
        }
        return new TimeWindowHandlerFunction(handler, timeout);
    }

    /**
     * Calls the handler with the event's JSON.
     *
     * <pre>{@code
     * TimeWindowEventResponse response = TimeWindowHandlerFunction.of(new OrderTotalsHandler())
     *         .apply(stream.timeWindow(start, end).toDynamodbTimeWindowEvent());
     * }</pre>
     *
     * @return the response, or null if the handler wrote nothing or {@code null}
     * @throws IllegalArgumentException if the event was not built by the testkit ({@link
     *     TimeWindowEvent#toDynamodbTimeWindowEvent()}, the simulator), whose records it writes as JSON
     * @throws StreamHandlerFunction.InvalidResponseException if the handler wrote something that is not
     *     a response
     */
    @Override
    public TimeWindowEventResponse apply(DynamodbTimeWindowEvent event) {
        Objects.requireNonNull(event, "event");
        if (!(event instanceof TimeWindowEvent.WindowBatchEvent batch)) {
            throw new IllegalArgumentException("TimeWindowHandlerFunction takes the events of the testkit's"
                    + " TimeWindowEvent and TumblingWindowSimulator; call the handler with the event's JSON"
                    + " directly instead");
        }
        return apply(batch.source());
    }

    /**
     * Calls the handler with the event's JSON.
     *
     * <pre>{@code
     * TimeWindowEventResponse response = TimeWindowHandlerFunction.of(new OrderTotalsHandler())
     *         .apply(stream.timeWindow(start, end).withFinalInvoke(true));
     * }</pre>
     *
     * @return the response, or null if the handler wrote nothing or {@code null}
     * @throws StreamHandlerFunction.InvalidResponseException if the handler wrote something that is not
     *     a response
     */
    public TimeWindowEventResponse apply(TimeWindowEvent event) {
        Objects.requireNonNull(event, "event");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Context context = TestContext.withRemainingTime(timeout);
        try {
            handler.handleRequest(new ByteArrayInputStream(event.toJsonBytes()), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readResponse(output.toByteArray());
    }

    static TimeWindowEventResponse readResponse(byte[] output) {
        JsonNode root = StreamHandlerFunction.readObject(output);
        if (root == null) {
            return null;
        }
        List<TimeWindowEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<String> ids = StreamHandlerFunction.itemIdentifiers(root);
        if (ids != null) {
            ids.forEach(id -> failures.add(new TimeWindowEventResponse.BatchItemFailure(id)));
        }
        return TimeWindowEventResponse.builder()
                .withState(stateOf(root.get("state")))
                .withBatchItemFailures(failures)
                .build();
    }

    private static Map<String, String> stateOf(JsonNode state) {
        if (state == null || state.isNull()) {
            return null;
        }
        if (!state.isObject()) {
            throw new InvalidResponseException("state is a JSON " + state.getNodeType() + ", not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = state.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new InvalidResponseException("state." + field.getKey() + " is a JSON "
                        + field.getValue().getNodeType() + ", not a string (the simulator carries the state as"
                        + " Map<String, String>)");
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
        return out;
    }

    @Override
    public String toString() {
        return "TimeWindowHandlerFunction[" + handler.getClass().getName() + "]";
    }
}
