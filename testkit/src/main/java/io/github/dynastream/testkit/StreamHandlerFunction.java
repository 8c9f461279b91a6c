package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Lambda function deployed as a {@link RequestStreamHandler} (for example a subclass of {@code
 * DynamoDbStreamHandler}), called the way the Lambda runtime calls it: the event as JSON bytes in,
 * the response read back from the JSON the handler wrote. Give it to the simulator or the local
 * stream runner to test the class you deploy, entry point included.
 *
 * <pre>{@code
 * Simulation simulation = EventSourceMappingSimulator.builder()
 *         .reportBatchItemFailures(true)
 *         .build()
 *         .run(stream, StreamHandlerFunction.of(new OrderAuditHandler(auditLog)));
 * }</pre>
 *
 * <p>The response is read as Lambda reads it: nothing written, or {@code null}, is a null response;
 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}} reports failures, and an entry without
 * {@code itemIdentifier} (a bad key name) has a null one, which fails the whole batch
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html). Output
 * that is not a response at all (not JSON, not an object, {@code batchItemFailures} not an array)
 * makes the call fail with an {@link InvalidResponseException}, which the mapping treats as a
 * function error: not documented — our choice, because nothing in it can be read as a checkpoint.
 * Thread-safe if the handler is.
 */
public final class StreamHandlerFunction implements Function<DynamodbEvent, StreamsEventResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestStreamHandler handler;
    private final Duration timeout;

    private StreamHandlerFunction(RequestStreamHandler handler, Duration timeout) {
        this.handler = handler;
        this.timeout = timeout;
    }

    /** The handler, called with a context whose remaining time starts at Lambda's maximum, 15 minutes. */
    public static StreamHandlerFunction of(RequestStreamHandler handler) {
        return of(handler, Duration.ofMinutes(15));
    }

    /** The handler, called with a context whose remaining time starts at {@code timeout}. */
    public static StreamHandlerFunction of(RequestStreamHandler handler, Duration timeout) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was [" + timeout + "]");
        }
        return new StreamHandlerFunction(handler, timeout);
    }

    /**
     * Calls the handler with the event's JSON.
     *
     * @throws IllegalArgumentException if the event was not built by the testkit (the simulator, the
     *     local stream runner), whose records it writes as JSON
     * @throws InvalidResponseException if the handler wrote something that is not a response
     */
    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        Objects.requireNonNull(event, "event");
        if (!(event instanceof LambdaEvents.ShardBatchEvent batch)) {
            throw new IllegalArgumentException("StreamHandlerFunction takes the events of the testkit's simulator"
                    + " and local stream runner; call the handler with the event's JSON directly instead");
        }
        byte[] input = LambdaEvents.toJson(batch.changeRecords());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Context context = TestContext.withRemainingTime(timeout);
        try {
            handler.handleRequest(new ByteArrayInputStream(input), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readResponse(output.toByteArray());
    }

    static StreamsEventResponse readResponse(byte[] output) {
        JsonNode root = readObject(output);
        if (root == null) {
            return null;
        }
        List<String> failures = itemIdentifiers(root);
        if (failures == null) {
            return new StreamsEventResponse();
        }
        List<StreamsEventResponse.BatchItemFailure> out = new ArrayList<>();
        for (String id : failures) {
            out.add(StreamsEventResponse.BatchItemFailure.builder()
                    .withItemIdentifier(id)
                    .build());
        }
        return StreamsEventResponse.builder().withBatchItemFailures(out).build();
    }

    /** The handler's output as JSON: null for no output or {@code null}, else an object. */
    static JsonNode readObject(byte[] output) {
        JsonNode root;
        try {
            root = output.length == 0 ? null : JSON.readTree(output);
        } catch (JsonProcessingException e) {
            throw new InvalidResponseException("the handler's output is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return null;
        }
        if (!root.isObject()) {
            throw new InvalidResponseException(
                    "the handler's output is a JSON " + root.getNodeType() + ", not an object");
        }
        return root;
    }

    /**
     * The {@code itemIdentifier}s of a response's {@code batchItemFailures}, in order (an entry without
     * one is null), or null if the response has none.
     */
    static List<String> itemIdentifiers(JsonNode response) {
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return null;
        }
        if (!failures.isArray()) {
            throw new InvalidResponseException(
                    "batchItemFailures is a JSON " + failures.getNodeType() + ", not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            out.add(id == null || id.isNull() ? null : id.asText());
        }
        return out;
    }

    @Override
    public String toString() {
        return "StreamHandlerFunction[" + handler.getClass().getName() + "]";
    }

    /** The handler wrote output that Lambda could not read as a response. */
    public static final class InvalidResponseException extends IllegalStateException {
        InvalidResponseException(String message) {
            super(message);
        }
    }
}
