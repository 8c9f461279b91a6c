package io.github.dynastream;

import static io.github.dynastream.TestEvents.event;
import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.modify;
import static io.github.dynastream.TestEvents.order;
import static io.github.dynastream.TestEvents.record;
import static io.github.dynastream.TestEvents.remove;
import static io.github.dynastream.TestEvents.sequenceNumber;
import static io.github.dynastream.TestEvents.ttlRemove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamProcessorTest {
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
    void stopsAtTheFirstFailedRecordAndReportsExactlyItsSequenceNumber() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void created(Order order) {
                        journal.calls.add("created:" + order.id());
                        if (order.id().equals("o-3")) {
                            throw new IllegalStateException("downstream said no");
                        }
                    }
                })
                .build();

        StreamsEventResponse response = processor.process(event(
                insert("o-1", 1, order("o-1", "NEW", "1")),
                insert("o-2", 2, order("o-2", "NEW", "2")),
                insert("o-3", 3, order("o-3", "NEW", "3")),
                insert("o-4", 4, order("o-4", "NEW", "4")),
                insert("o-5", 5, order("o-5", "NEW", "5"))));

        assertThat(failures(response)).containsExactly(sequenceNumber(3));
        assertThat(journal.calls).containsExactly("created:o-1", "created:o-2", "created:o-3");
    }

    @Test
    void fullSuccessIsAnEmptyResponse() {
        StreamProcessor processor =
                StreamProcessor.builder().handler(new FixturesTest.Recorder()).build();

        StreamsEventResponse response = processor.process(event(insert("o-1", 1, order("o-1", "NEW", "1"))));

        assertThat(response.getBatchItemFailures()).isNotNull().isEmpty();
    }

    @Test
    void failureInALaterMethodOfTheSameRecordStopsTheRecordToo() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void a(Order order) {
                        journal.calls.add("a:" + order.id());
                    }

                    @OnInsert
                    void b(Order order) throws IOException {
                        journal.calls.add("b:" + order.id());
                        throw new IOException("checked");
                    }

                    @OnInsert
                    void c(Order order) {
                        journal.calls.add("c:" + order.id());
                    }
                })
                .build();

        BatchResult result = processor.processRecords(Fixtures.parse(
                json(insert("o-1", 1, order("o-1", "NEW", "1")), insert("o-2", 2, order("o-2", "NEW", "2")))
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(journal.calls).containsExactly("a:o-1", "b:o-1");
        assertThat(result.succeeded()).isEmpty();
        assertThat(result.notAttempted()).extracting(ChangeRecord::eventId).containsExactly("e-2");
        assertThat(result.failure()).hasValueSatisfying(f -> {
            assertThat(f.record().eventId()).isEqualTo("e-1");
            assertThat(f.cause()).isInstanceOf(IOException.class).hasMessage("checked");
        });
        assertThat(failures(result.toResponse())).containsExactly(sequenceNumber(1));
    }

    @Test
    void errorsAreNotSwallowed() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {
                        throw new AssertionError("boom");
                    }
                })
                .build();

        assertThatThrownBy(() -> processor.process(event(insert("o-1", 1, "{}"))))
                .isInstanceOf(AssertionError.class)
                .hasMessage("boom");
    }

    @Test
    void methodsRunInDocumentedOrderAcrossHandlers() {
        Journal journal = new Journal();
        class Second {
            @OnInsert
            void zeta(ChangeRecord r) {
                journal.calls.add("second.zeta");
            }

            @OnInsert
            @OnModify
            void alpha(ChangeRecord r) {
                journal.calls.add("second.alpha:" + r.eventName());
            }
        }
        class First {
            @OnInsert
            void only(Order order) {
                journal.calls.add("first.only");
            }

            @OnInsert
            void beta(ChangeRecord r) {
                journal.calls.add("first.beta");
            }

            @OnInsert
            void beta(Order order) {
                journal.calls.add("first.beta(Order)");
            }
        }
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new First())
                .handler(new Second())
                .build();

        processor.process(event(
                insert("o-1", 1, order("o-1", "NEW", "1")),
                modify("o-1", 2, order("o-1", "NEW", "1"), order("o-1", "PAID", "1"))));

        assertThat(journal.calls)
                .containsExactly(
                        "first.beta",
                        "first.beta(Order)",
                        "first.only",
                        "second.alpha:INSERT",
                        "second.zeta",
                        "second.alpha:MODIFY");
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
    void parametersResolveByTypeForEachEventName() {
        List<Object> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void item(Order order, ChangeRecord record) {
                        seen.add(record.eventName() + " item " + order.status());
                    }

                    @OnInsert
                    @OnModify
                    @OnRemove
                    void change(ChangeRecord record, Change<Order> change) {
                        seen.add(record.eventName() + " change "
                                + (change.oldItem() == null
                                        ? null
                                        : change.oldItem().status()) + "->"
                                + (change.newItem() == null
                                        ? null
                                        : change.newItem().status()));
                    }
                })
                .build();

        processor.process(event(
                insert("o-1", 1, order("o-1", "NEW", "1")),
                modify("o-1", 2, order("o-1", "NEW", "1"), order("o-1", "PAID", "1")),
                remove("o-1", 3, order("o-1", "PAID", "1"))));

        assertThat(seen)
                .containsExactly(
                        "INSERT change null->NEW",
                        "INSERT item NEW",
                        "MODIFY change NEW->PAID",
                        "MODIFY item PAID",
                        "REMOVE change PAID->null",
                        "REMOVE item PAID");
    }

    @Test
    void anItemIsMappedOncePerRecordAndType() {
        List<Order> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void a(Order order) {
                        seen.add(order);
                    }

                    @OnInsert
                    void b(Order order) {
                        seen.add(order);
                    }
                })
                .build();

        processor.process(event(insert("o-1", 1, order("o-1", "NEW", "1"))));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
    }

    @Test
    void wrongTypedAttributeFailsTheRecordNamingAttributeAndTypeButNotTheValue() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {}
                })
                .build();

        BatchResult result = processor.processRecords(Fixtures.parse(json(
                        insert("o-1", 1, order("o-1", "NEW", "1")),
                        insert("o-2", 2, "{\"id\":{\"S\":\"o-2\"},\"total\":{\"S\":\"top-secret-42\"}}"))
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(failures(result.toResponse())).containsExactly(sequenceNumber(2));
        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("NewImage.total");
                    assertThat(e.targetType()).isEqualTo("java.math.BigDecimal");
                    assertThat(e.eventId()).isEqualTo("e-2");
                    assertThat(e.sequenceNumber()).isEqualTo(sequenceNumber(2));
                    assertThat(e.getCause()).isNull();
                })
                .hasMessageContaining("Cannot map attribute NewImage.total of record eventID=e-2")
                .hasMessageContaining("java.math.BigDecimal")
                .hasMessageNotContaining("top-secret");
    }

    record Counter(int count, List<Integer> values) {}

    @Test
    void fractionIntoAnIntegerFieldFailsInsteadOfTruncating() {
        List<Counter> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Counter counter) {
                        seen.add(counter);
                    }
                })
                .build();

        BatchResult ok = processor.processRecords(Fixtures.parse(
                json(insert("c", 1, "{\"count\":{\"N\":\"2.000\"},\"values\":{\"L\":[{\"N\":\"1E+2\"}]}}"))
                        .getBytes(StandardCharsets.UTF_8)));
        BatchResult bad = processor.processRecords(Fixtures.parse(
                json(insert("c", 2, "{\"count\":{\"N\":\"1\"},\"values\":{\"L\":[{\"N\":\"1\"},{\"N\":\"2.5\"}]}}"))
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(ok.isSuccess()).isTrue();
        assertThat(seen).containsExactly(new Counter(2, List.of(100)));
        assertThat(bad.failure().orElseThrow().cause())
                .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("NewImage.values[1]");
                    assertThat(e.targetType()).isEqualTo("java.lang.Integer");
                })
                .hasMessageNotContaining("2.5");
    }

    @Test
    void itemParameterOnAKeysOnlyStreamFailsNamingTheViewType() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {}
                })
                .build();

        BatchResult result = processor.processRecords(Fixtures.parse(
                json(record("o-1", "INSERT", 1, "KEYS_ONLY", null, null, null)).getBytes(StandardCharsets.UTF_8)));

        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOfSatisfying(MissingImageException.class, e -> {
                    assertThat(e.image()).isEqualTo("NewImage");
                    assertThat(e.streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
                })
                .hasMessageContaining("needs the NewImage")
                .hasMessageContaining("StreamViewType KEYS_ONLY");
    }

    @Test
    void removeItemOnANewImageStreamFailsNamingTheViewType() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnRemove
                    void on(Order order) {}
                })
                .build();

        StreamsEventResponse response =
                processor.process(event(record("o-1", "REMOVE", 9, "NEW_IMAGE", null, null, null)));

        assertThat(failures(response)).containsExactly(sequenceNumber(9));
    }

    @Test
    void changeOnModifyNeedsBothImages() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnModify
                    void on(Change<Order> change) {}
                })
                .build();

        BatchResult result = processor.processRecords(
                Fixtures.parse(json(record("o-1", "MODIFY", 1, "NEW_IMAGE", null, order("o-1", "PAID", "1"), null))
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOf(MissingImageException.class)
                .hasMessageContaining("needs the OldImage")
                .hasMessageContaining("NEW_IMAGE");
    }

    @Test
    void changedFiltersOnNamedAttributes() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnModify(changed = "status")
                    void status(Change<Order> change) {
                        journal.calls.add("status:" + change.newItem().id());
                    }

                    @OnModify(changed = {"total", "note"})
                    void totalOrNote(Order order) {
                        journal.calls.add("totalOrNote:" + order.id());
                    }
                })
                .build();

        processor.process(event(
                // status changed
                modify("a", 1, order("a", "NEW", "1"), order("a", "PAID", "1")),
                // total numerically equal (1.5 == 1.50): nothing changed
                modify("b", 2, order("b", "NEW", "1.5"), order("b", "NEW", "1.50")),
                // note added
                modify(
                        "c",
                        3,
                        order("c", "NEW", "1"),
                        "{\"id\":{\"S\":\"c\"},\"status\":{\"S\":\"NEW\"},\"total\":{\"N\":\"1\"},\"note\":{\"S\":\"x\"}}"),
                // status removed
                modify("d", 4, order("d", "NEW", "1"), "{\"id\":{\"S\":\"d\"},\"total\":{\"N\":\"1\"}}")));

        assertThat(journal.calls).containsExactly("status:a", "totalOrNote:c", "status:d");
    }

    @Test
    void setsThatDifferOnlyInOrderAreUnchanged() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnModify(changed = "tags")
                    void on(ChangeRecord r) {
                        journal.calls.add(r.eventId());
                    }
                })
                .build();

        processor.process(event(
                modify("a", 1, "{\"tags\":{\"SS\":[\"x\",\"y\"]}}", "{\"tags\":{\"SS\":[\"y\",\"x\"]}}"),
                modify("b", 2, "{\"tags\":{\"SS\":[\"x\",\"y\"]}}", "{\"tags\":{\"SS\":[\"x\"]}}")));

        assertThat(journal.calls).containsExactly("e-2");
    }

    @Test
    void changedFilterWithoutBothImagesFailsTheRecord() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnModify(changed = "status")
                    void on(ChangeRecord r) {}
                })
                .build();

        BatchResult result = processor.processRecords(
                Fixtures.parse(json(record("o-1", "MODIFY", 1, "NEW_IMAGE", null, order("o-1", "PAID", "1"), null))
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOf(MissingImageException.class)
                .hasMessageContaining("with changed=[status] needs the OldImage")
                .hasMessageContaining("StreamViewType NEW_IMAGE");
    }

    @Test
    void timeToLiveDeletesCanBeSelectedOrExcluded() {
        Journal journal = new Journal();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnRemove
                    void any(ChangeRecord r) {
                        journal.calls.add("any:" + r.eventId());
                    }

                    @OnRemove(ttl = OnRemove.Ttl.EXCLUDE)
                    void byUser(ChangeRecord r) {
                        journal.calls.add("byUser:" + r.eventId());
                    }

                    @OnRemove(ttl = OnRemove.Ttl.ONLY)
                    void expired(Order order, ChangeRecord r) {
                        journal.calls.add("expired:" + r.eventId() + ":" + r.isTimeToLiveDelete());
                    }
                })
                .build();

        processor.process(event(remove("a", 1, order("a", "NEW", "1")), ttlRemove("b", 2, order("b", "NEW", "1"))));

        assertThat(journal.calls).containsExactly("any:e-1", "byUser:e-1", "any:e-2", "expired:e-2:true");
    }

    @Test
    void streamHandlerVariantWritesTheResponseJson() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        throw new IllegalArgumentException("no");
                    }
                })
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        processor.process(event(insert("o-1", 1, order("o-1", "NEW", "1"))), out);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequenceNumber(1) + "\"}]}");
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
                .doesNotContain("card-4111");
    }
}
