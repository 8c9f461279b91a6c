package io.github.dynastream.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
    private final List<String> sent = new ArrayList<>();
    private final StreamProcessor processor = StreamProcessor.builder()
            .handler(new OrderEvents((to, message) -> sent.add(to + ": " + message)))
            .build();

    private static InputStream resource(String name) {
        InputStream in = OrderEventsTest.class.getResourceAsStream("/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    @Test
    void notifiesForPlacedPaidDeletedAndExpiredOrders() throws IOException {
        StreamsEventResponse response;
        try (InputStream event = resource("orders-event.json")) {
            response = processor.process(event);
        }

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sent)
                .containsExactly(
                        "alice: order o-1001 placed: 3 item(s), total 59.9",
                        "alice: order o-1001 is now PAID (was PLACED)",
                        "bob: order o-1002 placed: 3 item(s), total 12",
                        "bob: order o-1002 was deleted",
                        "archive: order o-0999 expired by TTL at 2026-11-22T00:00:00Z");
    }

    @Test
    void anUnmappableOrderStopsTheBatchAtThatRecord() throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream event = resource("orders-event-unmappable.json")) {
            processor.process(event, response);
        }

        assertThat(sent).containsExactly("dave: order o-2001 placed: 1 item(s), total 8");
        assertThat(response.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"4000000000000000000009\"}]}");
    }

    @Test
    void requestHandlerReportsTheFailedRecordOfARuntimeDeserializedEvent() throws IOException {
        DynamodbEvent event;
        try (InputStream json = resource("orders-event-unmappable.json")) {
            event = LambdaEventSerializers.serializerFor(
                            DynamodbEvent.class, getClass().getClassLoader())
                    .fromJson(json);
        }

        StreamsEventResponse response = new OrderHandler().handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("4000000000000000000009");
    }

    @Test
    void streamHandlerWritesAnEmptyFailureListForAGoodBatch() throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream event = resource("orders-event.json")) {
            new OrderStreamHandler().handleRequest(event, response, null);
        }

        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }
}
