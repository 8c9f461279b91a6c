package io.github.dynastream;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The processor's dispatch and failure rules, on events written with the testkit. (These tests live
 * here rather than in the core module because the testkit depends on the core.)
 */
class StreamProcessorTest {
    record Order(String id, String status, BigDecimal total) {}

    private static Order order(String id, String status, String total) {
        return new Order(id, status, new BigDecimal(total));
    }

    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();

    private static Map<String, AttributeValue> image(Object... namesAndValues) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            image.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return image;
    }

    private static StreamProcessor processor(Object handler) {
        return StreamProcessor.builder().handler(handler).build();
    }

    @Test
    void stopsAtTheFirstFailedRecordAndReportsExactlyItsSequenceNumber() {
        List<String> calls = new ArrayList<>();
        TestStream stream = orders.stream();
        for (int i = 1; i <= 5; i++) {
            stream.insert(order("o-" + i, "NEW", "1"));
        }
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void created(Order order) {
                calls.add(order.id());
                if (order.id().equals("o-3")) {
                    throw new IllegalStateException("downstream said no");
                }
            }
        });

        assertThat(processor.process(stream.toInputStream())).failedAt(stream.record(2));
        assertThat(calls).containsExactly("o-1", "o-2", "o-3");
        calls.clear();
        assertThat(processor.process(stream.toDynamodbEvent())).failedAt(stream.record(2));
        assertThat(calls).containsExactly("o-1", "o-2", "o-3");
    }

    @Test
    void fullSuccessIsAnEmptyResponse() {
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void on(Order order) {}
        });

        StreamsEventResponse response = processor.process(
                orders.stream().insert(order("o-1", "NEW", "1")).toInputStream());

        assertThat(response).hasNoFailures();
        assertThat(response.getBatchItemFailures()).isNotNull().isEmpty();
    }

    @Test
    void failureInALaterMethodOfTheSameRecordStopsTheRecordToo() {
        List<String> calls = new ArrayList<>();
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void a(Order order) {
                calls.add("a:" + order.id());
            }

            @OnInsert
            void b(Order order) throws IOException {
                calls.add("b:" + order.id());
                throw new IOException("checked");
            }

            @OnInsert
            void c(Order order) {
                calls.add("c:" + order.id());
            }
        });
        TestStream stream = orders.stream().insert(order("o-1", "NEW", "1")).insert(order("o-2", "NEW", "2"));

        BatchResult result = processor.processRecords(stream.records());

        assertThat(calls).containsExactly("a:o-1", "b:o-1");
        assertThat(result.succeeded()).isEmpty();
        assertThat(result.notAttempted()).containsExactly(stream.record(1));
        assertThat(result.failure()).hasValueSatisfying(f -> {
            assertThat(f.record()).isEqualTo(stream.record(0));
            assertThat(f.cause()).isInstanceOf(IOException.class).hasMessage("checked");
        });
        assertThat(result.toResponse()).failedAt(stream.record(0));
    }

    @Test
    void errorsAreNotSwallowed() {
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void on(ChangeRecord record) {
                throw new AssertionError("boom");
            }
        });

        assertThatThrownBy(() -> processor.process(
                        orders.stream().insert(order("o-1", "NEW", "1")).toInputStream()))
                .isInstanceOf(AssertionError.class)
                .hasMessage("boom");
    }

    @Test
    void methodsRunInDocumentedOrderAcrossHandlers() {
        List<String> calls = new ArrayList<>();
        class Second {
            @OnInsert
            void zeta(ChangeRecord r) {
                calls.add("second.zeta");
            }

            @OnInsert
            @OnModify
            void alpha(ChangeRecord r) {
                calls.add("second.alpha:" + r.eventName());
            }
        }
        class First {
            @OnInsert
            void only(Order order) {
                calls.add("first.only");
            }

            @OnInsert
            void beta(ChangeRecord r) {
                calls.add("first.beta");
            }

            @OnInsert
            void beta(Order order) {
                calls.add("first.beta(Order)");
            }
        }
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new First())
                .handler(new Second())
                .build();

        processor.process(orders.stream()
                .insert(order("o-1", "NEW", "1"))
                .modify(order("o-1", "NEW", "1"), order("o-1", "PAID", "1"))
                .toInputStream());

        assertThat(calls)
                .containsExactly(
                        "first.beta",
                        "first.beta(Order)",
                        "first.only",
                        "second.alpha:INSERT",
                        "second.zeta",
                        "second.alpha:MODIFY");
    }

    @Test
    void parametersResolveByTypeForEachEventName() {
        List<String> seen = new ArrayList<>();
        StreamProcessor processor = processor(new Object() {
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
                        + (change.oldItem() == null ? null : change.oldItem().status()) + "->"
                        + (change.newItem() == null ? null : change.newItem().status()));
            }
        });

        processor.process(orders.stream()
                .insert(order("o-1", "NEW", "1"))
                .modify(order("o-1", "NEW", "1"), order("o-1", "PAID", "1"))
                .remove(order("o-1", "PAID", "1"))
                .toInputStream());

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
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void a(Order order) {
                seen.add(order);
            }

            @OnInsert
            void b(Order order) {
                seen.add(order);
            }
        });

        processor.process(orders.stream().insert(order("o-1", "NEW", "1")).toInputStream());

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
    }

    @Test
    void wrongTypedAttributeFailsTheRecordNamingAttributeAndTypeButNotTheValue() {
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void on(Order order) {}
        });
        TestStream stream = orders.stream()
                .insert(order("o-1", "NEW", "1"))
                .insert(image("id", AttributeValue.s("o-2"), "total", AttributeValue.s("top-secret-42")));

        BatchResult result = processor.processRecords(stream.records());

        assertThat(result.toResponse()).failedAt(stream.record(1));
        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("NewImage.total");
                    assertThat(e.targetType()).isEqualTo("java.math.BigDecimal");
                    assertThat(e.eventId()).isEqualTo(stream.record(1).eventId());
                    assertThat(e.sequenceNumber()).isEqualTo(stream.record(1).sequenceNumber());
                    assertThat(e.getCause()).isNull();
                })
                .hasMessageContaining("Cannot map attribute NewImage.total of record eventID="
                        + stream.record(1).eventId())
                .hasMessageNotContaining("top-secret");
    }

    record Counter(int count, List<Integer> values) {}

    @Test
    void fractionIntoAnIntegerFieldFailsInsteadOfTruncating() {
        List<Counter> seen = new ArrayList<>();
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void on(Counter counter) {
                seen.add(counter);
            }
        });
        TestTable counters =
                StreamEvents.table("Counters").partitionKey("count").build();
        TestStream stream = counters.stream()
                .insert(image(
                        "count",
                        AttributeValue.n("2"),
                        "values",
                        new AttributeValue.L(List.of(AttributeValue.n("1E+2")))))
                .insert(image(
                        "count",
                        AttributeValue.n("1"),
                        "values",
                        new AttributeValue.L(List.of(AttributeValue.n("1"), AttributeValue.n("2.5")))));

        BatchResult result = processor.processRecords(stream.records());

        assertThat(seen).containsExactly(new Counter(2, List.of(100)));
        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("NewImage.values[1]");
                    assertThat(e.targetType()).isEqualTo("java.lang.Integer");
                })
                .hasMessageNotContaining("2.5");
    }

    @Test
    void itemParameterOnAKeysOnlyStreamFailsNamingTheViewType() {
        TestTable keysOnly = StreamEvents.table("Orders")
                .partitionKey("id")
                .viewType(StreamViewType.KEYS_ONLY)
                .build();
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void on(Order order) {}
        });

        BatchResult result = processor.processRecords(
                keysOnly.stream().insert(order("o-1", "NEW", "1")).records());

        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOfSatisfying(MissingImageException.class, e -> {
                    assertThat(e.image()).isEqualTo("NewImage");
                    assertThat(e.streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
                })
                .hasMessageContaining("needs the NewImage")
                .hasMessageContaining("StreamViewType KEYS_ONLY");
    }

    @Test
    void removeItemAndModifyChangeOnANewImageStreamFailNamingTheViewType() {
        TestTable newImages = StreamEvents.table("Orders")
                .partitionKey("id")
                .viewType(StreamViewType.NEW_IMAGE)
                .build();
        StreamProcessor processor = processor(new Object() {
            @OnRemove
            void removed(Order order) {}

            @OnModify
            void changed(Change<Order> change) {}
        });
        TestStream stream = newImages.stream()
                .modify(order("o-1", "NEW", "1"), order("o-1", "PAID", "1"))
                .remove(order("o-2", "NEW", "1"));

        BatchResult modify = processor.processRecords(List.of(stream.record(0)));
        BatchResult remove = processor.processRecords(List.of(stream.record(1)));

        assertThat(modify.failure().orElseThrow().cause())
                .isInstanceOf(MissingImageException.class)
                .hasMessageContaining("needs the OldImage")
                .hasMessageContaining("NEW_IMAGE");
        assertThat(remove.toResponse()).failedAt(stream.record(1));
    }

    @Test
    void changedFiltersOnNamedAttributes() {
        List<String> calls = new ArrayList<>();
        StreamProcessor processor = processor(new Object() {
            @OnModify(changed = "status")
            void status(Change<Order> change) {
                calls.add("status:" + change.newItem().id());
            }

            @OnModify(changed = {"total", "note"})
            void totalOrNote(Order order) {
                calls.add("totalOrNote:" + order.id());
            }
        });

        processor.process(orders.stream()
                .modify(order("a", "NEW", "1"), order("a", "PAID", "1")) // status changed
                .modify(order("b", "NEW", "1.5"), order("b", "NEW", "1.50")) // numerically equal
                .modify(
                        order("c", "NEW", "1"),
                        image(
                                "id", AttributeValue.s("c"),
                                "status", AttributeValue.s("NEW"),
                                "total", AttributeValue.n("1"),
                                "note", AttributeValue.s("x"))) // note added
                .modify(order("d", "NEW", "1"), image("id", AttributeValue.s("d"), "total", AttributeValue.n("1")))
                .toInputStream());

        assertThat(calls).containsExactly("status:a", "totalOrNote:c", "status:d");
    }

    @Test
    void setsThatDifferOnlyInOrderAreUnchanged() {
        List<String> calls = new ArrayList<>();
        StreamProcessor processor = processor(new Object() {
            @OnModify(changed = "tags")
            void on(ChangeRecord r) {
                calls.add(r.keys().get("id").toString());
            }
        });

        processor.process(orders.stream()
                .modify(
                        image("id", AttributeValue.s("a"), "tags", new AttributeValue.SS(List.of("x", "y"))),
                        image("id", AttributeValue.s("a"), "tags", new AttributeValue.SS(List.of("y", "x"))))
                .modify(
                        image("id", AttributeValue.s("b"), "tags", new AttributeValue.SS(List.of("x", "y"))),
                        image("id", AttributeValue.s("b"), "tags", new AttributeValue.SS(List.of("x"))))
                .toInputStream());

        assertThat(calls).containsExactly(AttributeValue.s("b").toString());
    }

    @Test
    void changedFilterWithoutBothImagesFailsTheRecord() {
        TestTable newImages = StreamEvents.table("Orders")
                .partitionKey("id")
                .viewType(StreamViewType.NEW_IMAGE)
                .build();
        StreamProcessor processor = processor(new Object() {
            @OnModify(changed = "status")
            void on(ChangeRecord r) {}
        });

        BatchResult result = processor.processRecords(newImages.stream()
                .modify(order("o-1", "NEW", "1"), order("o-1", "PAID", "1"))
                .records());

        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOf(MissingImageException.class)
                .hasMessageContaining("with changed=[status] needs the OldImage")
                .hasMessageContaining("StreamViewType NEW_IMAGE");
    }

    @Test
    void timeToLiveDeletesCanBeSelectedOrExcluded() {
        List<String> calls = new ArrayList<>();
        StreamProcessor processor = processor(new Object() {
            @OnRemove
            void any(Order order) {
                calls.add("any:" + order.id());
            }

            @OnRemove(ttl = OnRemove.Ttl.EXCLUDE)
            void byUser(Order order) {
                calls.add("byUser:" + order.id());
            }

            @OnRemove(ttl = OnRemove.Ttl.ONLY)
            void expired(Order order, ChangeRecord r) {
                calls.add("expired:" + order.id() + ":" + r.isTimeToLiveDelete());
            }
        });

        processor.process(orders.stream()
                .remove(order("a", "NEW", "1"))
                .ttlExpire(order("b", "NEW", "1"))
                .toInputStream());

        assertThat(calls).containsExactly("any:a", "byUser:a", "any:b", "expired:b:true");
    }

    @Test
    void streamHandlerVariantWritesTheResponseJson() {
        StreamProcessor processor = processor(new Object() {
            @OnInsert
            void on(Order order) {
                throw new IllegalArgumentException("no");
            }
        });
        TestStream stream = orders.stream().insert(order("o-1", "NEW", "1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        processor.process(stream.toInputStream(), out);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                        + stream.record(0).sequenceNumber() + "\"}]}");
    }
}
