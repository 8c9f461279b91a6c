package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DSL's Kinesis shape round-trips through every entry point that reads it. */
class KinesisDeliveryTest {
    private final TestTable table =
            StreamEvents.table("Orders").partitionKey("id").build();

    private TestStream stream() {
        Map<String, AttributeValue> v1 = Map.of(
                "id", AttributeValue.s("o-1"),
                "total", AttributeValue.n("213.00"),
                "tags", new AttributeValue.SS(List.of("a", "b")));
        Map<String, AttributeValue> v2 = Map.of("id", AttributeValue.s("o-1"), "total", AttributeValue.n("1E+3"));
        return table.stream()
                .startingAt(Instant.parse("2026-01-01T00:00:00Z"))
                .insert(v1)
                .modify(v1, v2)
                .ttlExpire(v2);
    }

    private static List<ChangeRecord> read(
            StreamProcessor.Builder builder, java.util.function.Consumer<StreamProcessor> run) {
        List<ChangeRecord> seen = new ArrayList<>();
        run.accept(builder.handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        seen.add(record);
                    }
                })
                .logBatchSummary(false)
                .build());
        return seen;
    }

    @Test
    void whatTheProcessorReadsIsWhatTheDeliverySaysOnEveryEntryPoint() {
        for (ChronoUnit precision : List.of(ChronoUnit.MILLIS, ChronoUnit.MICROS)) {
            KinesisDelivery delivery =
                    stream().kinesis().duplicate(1).deliverAt(2, 0).precision(precision);
            byte[] json = delivery.toJsonBytes();

            List<ChangeRecord> fromJson =
                    read(StreamProcessor.builder(), p -> p.process(new ByteArrayInputStream(json)));
            List<ChangeRecord> fromEvent = read(StreamProcessor.builder(), p -> p.process(delivery.toKinesisEvent()));
            KinesisEvent viaRuntime = LambdaEventSerializers.serializerFor(
                            KinesisEvent.class, getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(json));
            List<ChangeRecord> fromRuntime = read(StreamProcessor.builder(), p -> p.process(viaRuntime));

            assertThat(delivery.order()).containsExactly(2, 0, 1, 1);
            assertThat(fromJson).as("%s", precision).isEqualTo(delivery.records());
            assertThat(fromEvent).isEqualTo(delivery.records());
            assertThat(fromRuntime).isEqualTo(delivery.records());
            assertThat(fromJson.get(0).isTimeToLiveDelete()).isTrue();
            assertThat(fromJson.get(1).sequenceNumber()).isEqualTo(delivery.sequenceNumber(1));
            assertThat(((AttributeValue.N)
                                    fromJson.get(1).newImage().orElseThrow().get("total"))
                            .value()
                            .toPlainString())
                    .isEqualTo("213.00");
        }
    }

    @Test
    void batchesOfTheSimulatorBecomeTheirDeliveries() {
        KinesisDelivery delivery = stream().kinesis().shuffled(7);
        List<ChangeRecord> shard = delivery.records();

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .batchSize(2)
                .build()
                .run(
                        shard,
                        batch -> StreamProcessor.builder()
                                .handler(new Object() {
                                    @OnInsert
                                    void on(ChangeRecord record) {}
                                })
                                .logBatchSummary(false)
                                .build()
                                .process(delivery.toKinesisEvent(batch)));

        assertThat(simulation.invocations()).hasSize(2);
        assertThatThrownBy(() -> stream().kinesis().duplicate(3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("the stream has 3 change(s); no change [3]");
        assertThatThrownBy(() -> stream().kinesis().precision(ChronoUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("precision must be MILLIS or MICROS but was [Seconds]");
    }
}
