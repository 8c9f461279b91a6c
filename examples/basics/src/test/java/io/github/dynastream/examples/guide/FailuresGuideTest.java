package io.github.dynastream.examples.guide;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.quickstart.Order;
import io.github.dynastream.examples.quickstart.OrderEvents;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/failures.md, run. */
class FailuresGuideTest {
    private final List<String> sent = new ArrayList<>();
    private final TestStream stream = StreamEvents.table("Orders").partitionKey("id").build().stream()
            .insert(new Order("o-1", "alice", "PLACED", BigDecimal.ONE))
            .insert(new Order("o-2", "bob", "PLACED", BigDecimal.ONE))
            .insert(new Order("o-3", "carol", "PLACED", BigDecimal.ONE));

    /** Sends each message, except bob's the first time: the mail server is busy. */
    private StreamProcessor processor() {
        List<String> busyOnce = new ArrayList<>(List.of("order o-2 placed by bob"));
        return StreamProcessor.builder()
                .handler(new OrderEvents(message -> {
                    if (busyOnce.remove(message)) {
                        throw new IllegalStateException("mail server busy");
                    }
                    sent.add(message);
                }))
                .build();
    }

    @Test
    void theResponseNamesTheFirstFailedRecordAndNothingAfterItRuns() {
        // snippet:stop
        StreamsEventResponse response = processor().process(stream.toInputStream());

        // o-1 was sent; o-2 failed; o-3 was not attempted, so it cannot overtake o-2
        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(stream.record(1).sequenceNumber());
        // end:stop
        assertThat(sent).containsExactly("order o-1 placed by alice");
    }

    @Test
    void lambdaRetriesFromTheFailedRecord() {
        // snippet:simulate
        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true) // FunctionResponseTypes: [ReportBatchItemFailures]
                .maximumRetryAttempts(3)
                .build()
                .run(stream, processor()::process);

        assertThat(lambda)
                .hasInvocationCount(2)
                .hasNothingAtFailureDestination()
                .hasNoIgnoredItemFailures();
        assertThat(lambda.invocations().get(1).batch()).containsExactly(stream.record(1), stream.record(2));
        // end:simulate
        assertThat(sent).hasSize(3);
    }

    @Test
    void withoutReportBatchItemFailuresLambdaIgnoresTheResponseAndTheRecordsAreLost() {
        // snippet:ignored
        Simulation lambda = EventSourceMappingSimulator.builder() // ReportBatchItemFailures off: Lambda's default
                .build()
                .run(stream, processor()::process);

        assertThat(lambda.ignoredItemFailures())
                .singleElement()
                .satisfies(ignored ->
                        assertThat(ignored.lostRecords()).containsExactly(stream.record(1), stream.record(2)));
        // end:ignored
    }
}
