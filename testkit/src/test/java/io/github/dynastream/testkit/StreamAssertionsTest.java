package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamAssertionsTest {
    private final TestTable table =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final TestStream stream = table.stream()
            .insert(Map.of("id", AttributeValue.s("a")))
            .insert(Map.of("id", AttributeValue.s("b")))
            .modify(
                    Map.of("id", AttributeValue.s("a")),
                    Map.of("id", AttributeValue.s("a"), "x", AttributeValue.n("1")))
            .remove(Map.of("id", AttributeValue.s("a")));

    private final ChangeRecord a1 = stream.record(0);
    private final ChangeRecord b1 = stream.record(1);
    private final ChangeRecord a2 = stream.record(2);
    private final ChangeRecord a3 = stream.record(3);

    private Simulation simulate(int failingRetries) {
        return EventSourceMappingSimulator.builder()
                .maximumRetryAttempts(failingRetries)
                .build()
                .run(stream, event -> null);
    }

    @Test
    void responseAssertions() {
        StreamsEventResponse none = new StreamsEventResponse(List.of());
        StreamsEventResponse one =
                new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(a2.sequenceNumber())));

        StreamAssertions.assertThat(none).hasNoFailures();
        StreamAssertions.assertThat(new StreamsEventResponse()).hasNoFailures();
        StreamAssertions.assertThat(one).failedAt(a2).failedAt(a2.sequenceNumber());

        assertThatThrownBy(() -> StreamAssertions.assertThat(one).hasNoFailures())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the response to report no batch item failures but it reported:")
                .hasMessageContaining(a2.sequenceNumber());
        assertThatThrownBy(() -> StreamAssertions.assertThat(none).failedAt(a1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the response to report exactly the failed record")
                .hasMessageContaining("but it reported:")
                .hasMessageContaining("no failures");
    }

    @Test
    void inOrderAcceptsRedeliveriesAndOtherKeysInterleaved() {
        StreamAssertions.assertThat(simulate(-1))
                .handledEachKeyInOrder(List.of(a1, b1, a1, a2, a3))
                .handledEachKeyInOrder(List.of(b1, a1, a2, a3))
                .lostNothing(List.of(a1, b1, a2, a3))
                .handledEachEventExactlyOnce(List.of(a1, b1, a2, a3));
    }

    @Test
    void outOfOrderHandlingIsReported() {
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulate(-1)).handledEachKeyInOrder(List.of(a1, a3, a2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the changes of item {id=S[value=a]} to be handled without gaps but")
                .hasMessageContaining("REMOVE " + a3.sequenceNumber())
                .hasMessageContaining("MODIFY " + a2.sequenceNumber());
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulate(-1)).handledEachKeyInOrder(List.of(a2, a1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("without gaps");
    }

    @Test
    void lostAndDuplicatedRecordsAreReported() {
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulate(-1)).lostNothing(List.of(a1, a2, a3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting every record to be handled or sent to the failure destination")
                .hasMessageContaining("INSERT " + b1.sequenceNumber());
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulate(-1))
                        .handledEachEventExactlyOnce(List.of(a1, b1, a1, a2, a3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting every record to be handled exactly once but:")
                .hasMessageContaining(a1.sequenceNumber() + " (eventID " + a1.eventId() + ") handled 2 time(s)");
    }

    @Test
    void failureDestinationAssertions() {
        Simulation simulation = EventSourceMappingSimulator.builder()
                .maximumRetryAttempts(0)
                .batchSize(1)
                .build()
                .run(stream, event -> {
                    if (event.getRecords().get(0).getEventName().equals("MODIFY")) {
                        throw new IllegalStateException("bad");
                    }
                    return null;
                });

        StreamAssertions.assertThat(simulation)
                .discarded(a2)
                .handledEachKeyInOrder(List.of(a1, b1, a3))
                .lostNothing(List.of(a1, b1, a3));
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).hasNothingAtFailureDestination())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting nothing at the failure destination but was:");
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).hasInvocationCount(3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting 3 invocation(s) but was 4");
    }

    @Test
    void ignoredItemFailuresAreReportedWithTheLostRecords() {
        Simulation ignoring = EventSourceMappingSimulator.builder()
                .build()
                .run(
                        stream,
                        event -> new StreamsEventResponse(
                                List.of(new StreamsEventResponse.BatchItemFailure(a2.sequenceNumber()))));
        Simulation reading = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(stream, event -> null);

        StreamAssertions.assertThat(reading).hasNoIgnoredItemFailures();
        assertThatThrownBy(() -> StreamAssertions.assertThat(ignoring).hasNoIgnoredItemFailures())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "Lambda would ignore these failures because ReportBatchItemFailures is not enabled: records lost ["
                                + a2.sequenceNumber() + ", " + a3.sequenceNumber() + "]")
                .hasMessageContaining("invocation #1 reported [" + a2.sequenceNumber() + "]");
    }
}
