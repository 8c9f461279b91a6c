package io.github.dynastream.examples.s3ingest;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.StreamHandlerFunction;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The notification function under Lambda's rules, as deployed: ReportBatchItemFailures, bisect, 2 retries. */
class RowNotificationsTest {
    private final TestTable rows = StreamEvents.table("IngestedRows")
            .partitionKey("file")
            .sortKey("line")
            .viewType(StreamViewType.NEW_IMAGE)
            .build();

    private static IngestedRow row(long line, String value) {
        return new IngestedRow(
                "uploads/incoming/readings.csv",
                line,
                "sensor-" + line,
                LocalDate.of(2026, 11, 30),
                new BigDecimal(value));
    }

    private static EventSourceMappingSimulator lambda() {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(2)
                .build();
    }

    @Test
    void sendsOneNotificationPerNewRowWithTheRowAsJsonAndNoneForAModifiedOne() {
        InMemoryNotifier notifier = new InMemoryNotifier();
        TestStream stream =
                rows.stream().insert(row(2, "21.50")).insert(row(3, "1000")).modify(row(2, "21.50"), row(2, "22"));

        Simulation simulation = lambda().run(stream, StreamHandlerFunction.of(new RowNotificationHandler(notifier)));

        assertThat(simulation)
                .hasInvocationCount(1)
                .hasNothingAtFailureDestination()
                .hasNoIgnoredItemFailures();
        assertThat(notifier.sent())
                .containsExactly(
                        new Notification(
                                "uploads/incoming/readings.csv",
                                2,
                                "{\"file\":\"uploads/incoming/readings.csv\",\"line\":2,\"name\":\"sensor-2\","
                                        + "\"date\":\"2026-11-30\",\"value\":21.5}"), // as DynamoDB stores 21.50
                        new Notification(
                                "uploads/incoming/readings.csv",
                                3,
                                "{\"file\":\"uploads/incoming/readings.csv\",\"line\":3,\"name\":\"sensor-3\","
                                        + "\"date\":\"2026-11-30\",\"value\":1000}"));
    }

    @Test
    void aFailedNotificationIsRetriedFromItsRecordAndTheRowsBeforeAreNotAnnouncedTwice() {
        List<Long> sent = new ArrayList<>();
        Set<Long> failedOnce = new HashSet<>();
        StreamProcessor processor = RowNotifications.processor(
                notification -> {
                    if (notification.line() == 3 && failedOnce.add(notification.line())) {
                        throw new IllegalStateException("topic throttled");
                    }
                    sent.add(notification.line());
                },
                IdempotencyStore.inMemory());
        TestStream stream =
                rows.stream().insert(row(2, "1")).insert(row(3, "2")).insert(row(4, "3"));

        Simulation simulation = lambda().run(stream, processor::process);

        assertThat(simulation).hasInvocationCount(2).hasNothingAtFailureDestination();
        assertThat(simulation.invocations().get(0).checkpoint())
                .isEqualTo(stream.record(1).sequenceNumber());
        assertThat(simulation.deliveries(stream.record(1))).isEqualTo(2);
        assertThat(sent).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aRowThatCanNeverBeAnnouncedIsDiscardedWithTheRestOfItsBatchAfterTheRetries() {
        List<Long> sent = new ArrayList<>();
        StreamProcessor processor = RowNotifications.processor(
                notification -> {
                    if (notification.line() == 3) {
                        throw new IllegalStateException("message rejected");
                    }
                    sent.add(notification.line());
                },
                IdempotencyStore.inMemory());
        TestStream stream =
                rows.stream().insert(row(2, "1")).insert(row(3, "2")).insert(row(4, "3"));

        Simulation simulation = lambda().run(stream, processor::process);

        // Lambda retries from the reported record twice, then discards what is left of the batch: the
        // failure destination gets the range (shard, first and last sequence number) to re-read.
        assertThat(simulation).discarded(stream.record(1), stream.record(2)).hasNoIgnoredItemFailures();
        assertThat(simulation.failureDestination()).hasSize(1);
        assertThat(simulation.deliveries(stream.record(1))).isEqualTo(3); // the first delivery and 2 retries
        assertThat(sent).containsExactly(2L);
    }
}
