package io.github.dynastream.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.StreamsApiRecords;
import io.github.dynastream.testkit.KinesisDelivery;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestContext;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The README's source examples do what the section says. */
class SourcesReadmeTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();

    private TestStream history() {
        return orders.stream()
                .insert(new KinesisOrderHandler.Order("o-1", "NEW"))
                .modify(new KinesisOrderHandler.Order("o-1", "NEW"), new KinesisOrderHandler.Order("o-1", "PAID"))
                .modify(new KinesisOrderHandler.Order("o-1", "PAID"), new KinesisOrderHandler.Order("o-1", "SHIPPED"));
    }

    @Test
    void theKinesisHandlersSkipDuplicatesAndOlderChanges() {
        KinesisDelivery delivery = history().kinesis().duplicate(0).deliverAt(2, 1);
        List<String> fromEvent = new ArrayList<>();
        List<String> fromJson = new ArrayList<>();

        StreamsEventResponse response = new KinesisOrderHandler(fromEvent::add)
                .handleRequest(delivery.toKinesisEvent(), TestContext.withRemainingTime(Duration.ofMinutes(1)));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new KinesisOrderStreamHandler(fromJson::add)
                .handleRequest(delivery.toInputStream(), written, TestContext.withRemainingTime(Duration.ofMinutes(1)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
        // INSERT, its duplicate skipped, SHIPPED overtaking PAID, then PAID skipped as older
        assertThat(fromEvent).containsExactly("o-1 is NEW", "o-1 is SHIPPED").isEqualTo(fromJson);
    }

    @Test
    void aStreamsApiPageLeadsToItsCheckpoint() {
        List<String> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void inserted(KinesisOrderHandler.Order order) {
                        seen.add(order.id());
                    }
                })
                .build();
        Record insert = Record.builder()
                .eventID("e-1")
                .eventName(OperationType.INSERT)
                .dynamodb(d -> d.sequenceNumber("100")
                        .keys(Map.of("id", AttributeValue.fromS("o-1")))
                        .newImage(Map.of("id", AttributeValue.fromS("o-1"), "status", AttributeValue.fromS("NEW"))))
                .build();

        StreamsApiRecords.Checkpoint checkpoint = StreamsApiPage.process(processor, List.of(insert), null);

        assertThat(seen).containsExactly("o-1");
        assertThat(checkpoint).isEqualTo(new StreamsApiRecords.Checkpoint(Optional.of("100"), Optional.empty()));
    }
}
