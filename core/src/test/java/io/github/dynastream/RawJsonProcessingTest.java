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

    /** Items are mapped while the event is parsed; images that need Jackson are left for later. */
    @Test
    void imagesOutsideThePlainCasesAreSkippedInPlaceAndMappedAsJacksonMapsThem() {
        List<Order> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        seen.add(order);
                    }
                })
                .build();

        StreamsEventResponse response = processor.process(event(
                insert("o-1", 1, order("o-1", "NEW", "1.50")),
                // a number into a String property: Jackson coerces it
                insert("o-2", 2, "{\"id\":{\"S\":\"o-2\"},\"status\":{\"N\":\"42\"},\"total\":{\"N\":\"2\"}}"),
                // a map into a String property, nested deeper than where the plain reader stops: a mapping error
                insert(
                        "o-3",
                        3,
                        "{\"id\":{\"S\":\"o-3\"},\"status\":{\"M\":{\"a\":{\"L\":[{\"M\":{}},{\"S\":\"}\"}]}}},"
                                + "\"total\":{\"N\":\"3\"}}"),
                insert("o-4", 4, order("o-4", "NEW", "4"))));

        assertThat(seen)
                .containsExactly(
                        new Order("o-1", "NEW", new BigDecimal("1.50")), new Order("o-2", "42", BigDecimal.valueOf(2)));
        assertThat(failures(response)).containsExactly(sequenceNumber(3));
    }

    /** A mutable item: handlers may change what they are given. */
    public static class MutableOrder {
        private String id;
        private String status;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }
    }

    @Test
    void anItemMappedWhileParsingIsHandedOutOnceSoARedispatchedRecordGetsAFreshOne() {
        List<String> statuses = new ArrayList<>();
        List<MutableOrder> items = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(MutableOrder order) {
                        statuses.add(order.getStatus());
                        items.add(order);
                        order.setStatus("CHANGED BY THE HANDLER");
                    }
                })
                .build();
        List<ChangeRecord> records = processor
                .read(event(insert("o-1", 1, order("o-1", "NEW", "1"))))
                .records();

        processor.processRecords(records);
        processor.processRecords(records);

        assertThat(statuses).containsExactly("NEW", "NEW");
        assertThat(items.get(0)).isNotSameAs(items.get(1));
    }

    /**
     * Images nobody reads are skipped by scanning for their end, not checked token by token: invalid
     * JSON inside one is noticed only if something reads it, and then fails that record.
     */
    @Test
    void invalidJsonInsideAnImageNobodyReadsIsNoticedOnlyWhenItIsRead() {
        String brokenImage = "{\"id\":{\"S\":\"o-1\"},,\"total\":{\"N\" \"1\"}}";
        List<String> removed = new ArrayList<>();
        StreamProcessor insertsOnly = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {}
                })
                .build();
        StreamProcessor readsRemovals = StreamProcessor.builder()
                .handler(new Object() {
                    @OnRemove
                    void on(ChangeRecord record) {
                        removed.add(record.oldImage().orElseThrow().toString());
                    }
                })
                .build();

        StreamsEventResponse skipped = insertsOnly.process(event(remove("o-1", 1, brokenImage)));
        StreamsEventResponse read = readsRemovals.process(event(remove("o-1", 1, brokenImage)));

        assertThat(skipped.getBatchItemFailures()).isEmpty();
        assertThat(failures(read)).containsExactly(sequenceNumber(1));
        assertThat(removed).isEmpty();
    }

    @Test
    void recordsWhoseEventNameComesAfterTheImagesAreMappedToo() {
        List<Order> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnRemove
                    void on(Order order) {
                        seen.add(order);
                    }
                })
                .build();
        String record = "{\"eventID\":\"e-1\",\"dynamodb\":{\"Keys\":{\"id\":{\"S\":\"o-1\"}},\"OldImage\":"
                + order("o-1", "GONE", "7") + ",\"SequenceNumber\":\"" + sequenceNumber(1)
                + "\",\"StreamViewType\":\"OLD_IMAGE\"},\"eventName\":\"REMOVE\"}";

        StreamsEventResponse response = processor.process(event(record));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(seen).containsExactly(new Order("o-1", "GONE", BigDecimal.valueOf(7)));
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
