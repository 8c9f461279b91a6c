package io.github.dynastream.examples.quickstart;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestContext;
import io.github.dynastream.testkit.TestStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A saved event through each entry point you may deploy. Save yours (from a CloudWatch log, `sam
 * local generate-event dynamodb update`, or dynastream's fixtures/events/) under
 * src/test/resources/events/; until then, the testkit writes one of the same shape.
 */
class SavedEventTest {
    private static final TestStream ORDERS = StreamEvents.table("Orders").partitionKey("id").build().stream()
            .insert(new Order("o-1", "alice", "PLACED", new BigDecimal("59.90")));

    private final StreamProcessor processor = StreamProcessor.builder()
            .handler(new OrderEvents(System.out::println))
            .build();

    /** The saved event named {@code file}, or the testkit's stand-in for it. */
    private static InputStream event(String file, String standIn) throws IOException {
        Path saved = Path.of("src/test/resources/events", file);
        return Files.exists(saved)
                ? Files.newInputStream(saved)
                : new ByteArrayInputStream(standIn.getBytes(StandardCharsets.UTF_8));
    }

    /** What Lambda calls: the DynamoDbStreamHandler subclass, raw JSON in, the partial batch response out. */
    @Test
    void dynamoDbStreamHandler() throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream in = event("dynamodb.json", ORDERS.toJson())) {
            new Handler().handleRequest(in, response, TestContext.withRemainingTime(Duration.ofMinutes(1)));
        }
        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    /** The StreamProcessor on the raw JSON, and on the DynamodbEvent the managed runtime deserializes. */
    @Test
    void streamProcessor() throws IOException {
        try (InputStream in = event("dynamodb.json", ORDERS.toJson())) {
            assertThat(processor.process(in)).hasNoFailures();
        }
        try (InputStream in = event("dynamodb.json", ORDERS.toJson())) {
            DynamodbEvent dynamodbEvent = LambdaEventSerializers.serializerFor(
                            DynamodbEvent.class, SavedEventTest.class.getClassLoader())
                    .fromJson(in);
            assertThat(processor.process(dynamodbEvent)).hasNoFailures();
        }
    }

    /** Kinesis Data Streams for DynamoDB: the same handler class takes the raw Kinesis event JSON. */
    @Test
    void kinesisEvent() throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream in = event("kinesis.json", ORDERS.toKinesisJson())) {
            new Handler().handleRequest(in, response, TestContext.withRemainingTime(Duration.ofMinutes(1)));
        }
        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");

        // or a RequestHandler<KinesisEvent, StreamsEventResponse>: processor.process(kinesisEvent)
        try (InputStream in = event("kinesis.json", ORDERS.toKinesisJson())) {
            KinesisEvent kinesisEvent = LambdaEventSerializers.serializerFor(
                            KinesisEvent.class, SavedEventTest.class.getClassLoader())
                    .fromJson(in);
            assertThat(processor.process(kinesisEvent)).hasNoFailures();
        }
    }

    /** A tumbling window: the DynamoDbTimeWindowHandler subclass answers with the state and any failure. */
    @Test
    void tumblingWindow() throws IOException {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream in = event("window.json", ORDERS.toTimeWindowJson(start, start.plusSeconds(300)))) {
            new OrderTotalsHandler().handleRequest(in, response, TestContext.withRemainingTime(Duration.ofMinutes(1)));
        }
        assertThat(response.toString(StandardCharsets.UTF_8))
                .startsWith("{\"state\":{")
                .endsWith("\"batchItemFailures\":[]}");
    }
}
