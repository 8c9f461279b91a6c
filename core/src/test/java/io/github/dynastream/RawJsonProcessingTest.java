package io.github.dynastream;

import static io.github.dynastream.TestEvents.event;
import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.order;
import static io.github.dynastream.TestEvents.remove;
import static io.github.dynastream.TestEvents.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Processor behaviour that needs hand-written event JSON: an image that is not valid DynamoDB JSON,
 * and what a failure logs. The other processor rules are tested with the testkit, in the
 * dynastream-testkit module's {@code io.github.dynastream.StreamProcessorTest}.
 */
class RawJsonProcessingTest {
    record Order(String id, String status, BigDecimal total) {}

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /** Records what each method saw, as "method:id". */
    static class Journal {
        final List<String> calls = new ArrayList<>();
    }

    @Test
    void recordNoMethodWantsIsASuccessAndNeedsNoImage() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        journal.calls.add(order.id());
                    }
                })
                .build();

        // The REMOVE's image is not even valid DynamoDB JSON; nothing wants it, so it is not read.
        StreamsEventResponse response = processor.process(
                event(remove("o-0", 1, "{\"id\":{\"WHAT\":1}}"), insert("o-1", 2, order("o-1", "NEW", "1"))));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(journal.calls).containsExactly("o-1");
    }

    @Test
    void processingADeserializedEventFollowsTheSameRules() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        journal.calls.add(order.id());
                        if (order.id().equals("o-2")) {
                            throw new IllegalStateException("fail");
                        }
                    }
                })
                .build();
        byte[] json = json(
                        insert("o-1", 1, order("o-1", "NEW", "1")),
                        insert("o-2", 2, order("o-2", "NEW", "1")),
                        insert("o-3", 3, order("o-3", "NEW", "1")))
                .getBytes(StandardCharsets.UTF_8);

        StreamsEventResponse response = processor.process(Fixtures.viaRuntimeSerializer(json));

        assertThat(failures(response)).containsExactly(sequenceNumber(2));
        assertThat(journal.calls).containsExactly("o-1", "o-2");
    }

    @Test
    void failuresAreLoggedWithIdentifiersAndKeysButNoImageValues() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {}
                })
                .build();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            processor.process(new ByteArrayInputStream(
                    json(insert("order-77", 5, "{\"id\":{\"S\":\"order-77\"},\"total\":{\"S\":\"card-4111-1111\"}}"))
                            .getBytes(StandardCharsets.UTF_8)));
        } finally {
            System.setErr(originalErr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("WARN")
                .contains("eventID=e-5")
                .contains("sequenceNumber=" + sequenceNumber(5))
                .contains("keys={id=order-77}")
                .contains("NewImage.total")
                .contains("INFO")
                .contains("Batch of 1 record(s)")
                .contains("0 succeeded, 0 duplicate(s) skipped, 1 failed")
                .doesNotContain("card-4111");
    }
}
