package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.UserIdentity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestStreamTest {
    record Line(String sku, int quantity) {}

    record Order(String id, String status, BigDecimal total, List<Line> lines, Set<String> tags, byte[] note) {
        Order withStatus(String newStatus) {
            return new Order(id, newStatus, total, lines, tags, note);
        }
    }

    static final Order PLACED = new Order(
            "o-1", "PLACED", new BigDecimal("19.99"), List.of(new Line("A", 2)), Set.of("gift"), new byte[] {1, 2});

    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();

    private TestStream lifeCycle(TestTable table) {
        return table.stream()
                .insert(PLACED)
                .modify(PLACED, PLACED.withStatus("PAID"))
                .remove(PLACED.withStatus("PAID"))
                .ttlExpire(PLACED.withStatus("ARCHIVED"));
    }

    @Test
    void recordsLookLikeDynamoDbWroteThem() {
        List<ChangeRecord> records = lifeCycle(orders).records();

        assertThat(records)
                .extracting(ChangeRecord::eventName)
                .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.REMOVE, EventName.REMOVE);
        assertThat(records)
                .extracting(ChangeRecord::eventId)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.length() == 32);
        List<BigInteger> sequenceNumbers =
                records.stream().map(r -> new BigInteger(r.sequenceNumber())).toList();
        assertThat(sequenceNumbers).isSorted().doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.sequenceNumber()).hasSizeGreaterThanOrEqualTo(21);
            assertThat(r.eventSourceArn())
                    .contains("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-01-01T00:00:00.000");
            assertThat(r.tableName()).contains("Orders");
            assertThat(r.eventVersion()).contains("1.1");
            assertThat(r.eventSource()).contains("aws:dynamodb");
            assertThat(r.keys()).containsExactly(Map.entry("id", AttributeValue.s("o-1")));
            assertThat(r.sizeBytes().getAsLong()).isBetween(20L, 400L);
        });
        assertThat(records)
                .extracting(r -> r.approximateCreationDateTime().orElseThrow())
                .containsExactly(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T00:00:01Z"),
                        Instant.parse("2026-01-01T00:00:02Z"),
                        Instant.parse("2026-01-01T00:00:03Z"));
        assertThat(records.get(2).isTimeToLiveDelete()).isFalse();
        assertThat(records.get(3).isTimeToLiveDelete()).isTrue();
        assertThat(records.get(3).userIdentity()).contains(UserIdentity.TIME_TO_LIVE);
    }

    @ParameterizedTest
    @EnumSource(StreamViewType.class)
    void imagesAreFilteredByViewTypeAsDynamoDbDoes(StreamViewType viewType) {
        TestTable table = StreamEvents.table("Orders")
                .partitionKey("id")
                .viewType(viewType)
                .build();

        List<ChangeRecord> records = lifeCycle(table).records();

        ChangeRecord insert = records.get(0);
        ChangeRecord modify = records.get(1);
        ChangeRecord remove = records.get(2);
        assertThat(insert.hasOldImage()).isFalse();
        assertThat(insert.hasNewImage()).isEqualTo(viewType.hasNewImage());
        assertThat(modify.hasOldImage()).isEqualTo(viewType.hasOldImage());
        assertThat(modify.hasNewImage()).isEqualTo(viewType.hasNewImage());
        assertThat(remove.hasOldImage()).isEqualTo(viewType.hasOldImage());
        assertThat(remove.hasNewImage()).isFalse();
        assertThat(records).allSatisfy(r -> assertThat(r.streamViewType()).contains(viewType));
    }

    @Test
    void beansGoInThroughTheSameMappingTheProcessorReadsThemBackWith() {
        List<Object> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void placed(Order order) {
                        seen.add(order);
                    }

                    @OnModify
                    void changed(Change<Order> change) {
                        seen.add(change);
                    }

                    @OnRemove
                    void removed(Order order) {
                        seen.add(order);
                    }
                })
                .build();

        processor.process(lifeCycle(orders).toInputStream());

        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).usingRecursiveComparison().isEqualTo(PLACED);
        assertThat(((Change<?>) seen.get(1)).oldItem())
                .usingRecursiveComparison()
                .isEqualTo(PLACED);
        assertThat(((Change<?>) seen.get(1)).newItem())
                .usingRecursiveComparison()
                .isEqualTo(PLACED.withStatus("PAID"));
        assertThat(seen.get(3)).usingRecursiveComparison().isEqualTo(PLACED.withStatus("ARCHIVED"));
    }

    @Test
    void jsonReadsBackThroughTheRuntimeDeserializerIntoAnEqualEvent() {
        TestStream stream = lifeCycle(orders)
                .insert(Map.of(
                        "id",
                        AttributeValue.s("raw"),
                        "nothing",
                        AttributeValue.Null.INSTANCE,
                        "empty",
                        new AttributeValue.L(List.of()),
                        "nested",
                        new AttributeValue.M(Map.of("deep", new AttributeValue.M(Map.of())))));

        DynamodbEvent fromJson = ReadBack.viaRuntime(stream);

        assertThat(fromJson).isEqualTo(stream.toDynamodbEvent());
        assertThat(fromJson.getRecords()).hasSize(5);
    }

    @Test
    void jsonParsesBackIntoEqualRecords() {
        TestStream stream = lifeCycle(orders);

        assertThat(ReadBack.parsed(stream)).isEqualTo(stream.records());
    }

    @Test
    void sortKeysAndKeyChecks() {
        TestTable lines = StreamEvents.table("Lines")
                .partitionKey("order")
                .sortKey("line")
                .build();
        Map<String, AttributeValue> item =
                Map.of("order", AttributeValue.s("o-1"), "line", AttributeValue.n("1"), "qty", AttributeValue.n("2"));

        ChangeRecord record = lines.stream().insert(item).record(0);

        assertThat(record.keys())
                .containsExactly(Map.entry("order", AttributeValue.s("o-1")), Map.entry("line", AttributeValue.n("1")));
        assertThatThrownBy(() -> lines.stream().insert(Map.of("order", AttributeValue.s("o-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sort key attribute \"line\" of table Lines");
        assertThatThrownBy(() -> orders.stream().modify(PLACED, new Order("o-2", "X", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a MODIFY keeps the item's key");
        assertThatThrownBy(() -> StreamEvents.table("T").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a partition key");
    }

    @Test
    void batchesSplitTheShardInOrder() {
        TestStream stream = orders.stream();
        for (int i = 0; i < 7; i++) {
            stream.insert(Map.of("id", AttributeValue.s("o-" + i)));
        }

        assertThat(stream.batches(3)).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(stream.toDynamodbEvents(3))
                .extracting(e -> e.getRecords().size())
                .containsExactly(3, 3, 1);
        assertThat(stream.toJsonBatches(5)).hasSize(2);
        assertThat(stream.batches(3).get(1).get(0)).isEqualTo(stream.record(3));
        assertThatThrownBy(() -> stream.batches(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be > 0 but was [0]");
    }

    @Test
    void timesAndSequenceNumbersCanBeChosen() {
        TestStream stream = orders.stream()
                .startingAt(Instant.parse("2026-03-01T10:00:00.750Z"))
                .spacedBy(Duration.ofMinutes(1))
                .sequenceNumbersFrom(new BigInteger("999999999999999999990"), 10)
                .insert(Map.of("id", AttributeValue.s("a")))
                .insert(Map.of("id", AttributeValue.s("b")));

        assertThat(stream.records())
                .extracting(ChangeRecord::sequenceNumber)
                .containsExactly("999999999999999999990", "1000000000000000000000");
        assertThat(stream.records())
                .extracting(r -> r.approximateCreationDateTime().orElseThrow())
                .containsExactly(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:01:00Z"));
    }
}
