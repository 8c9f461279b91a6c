package io.github.dynastream.examples.orderaudit;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.FailureDestinationRecord;
import io.github.dynastream.testkit.FailurePlan;
import io.github.dynastream.testkit.Invocation;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The audit under Lambda's retry rules, with the event source mapping's settings from template.yaml. */
class OrderAuditSimulationTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final InMemoryAuditLog log = new InMemoryAuditLog();

    private static EventSourceMappingSimulator.Builder asDeployed() {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(2);
    }

    /** Three orders, each placed, paid and shipped, their changes interleaved. */
    private TestStream threeOrders() {
        TestStream stream = orders.stream();
        for (String id : List.of("o-1", "o-2", "o-3")) {
            stream.insert(Order.placed(id));
        }
        for (String id : List.of("o-1", "o-2", "o-3")) {
            stream.modify(Order.placed(id), Order.placed(id).withStatus("PAID", "payments"));
        }
        for (String id : List.of("o-1", "o-2", "o-3")) {
            stream.modify(
                    Order.placed(id).withStatus("PAID", "payments"),
                    Order.placed(id).withStatus("SHIPPED", "warehouse"));
        }
        return stream;
    }

    @Test
    void aRetriedBatchWritesEachEntryExactlyOnce() {
        TestStream stream = threeOrders();
        // the audit table throttles the fourth record twice, and the first invocation times out after its work
        FlakyAuditLog flaky = new FlakyAuditLog(log, FailurePlan.none().withTransient(3, 2), stream.records());
        StreamProcessor processor = OrderAudit.processor(flaky);
        AtomicInteger invocations = new AtomicInteger();
        Function<DynamodbEvent, StreamsEventResponse> function = event -> {
            StreamsEventResponse response = processor.process(event);
            if (invocations.incrementAndGet() == 1) {
                throw new IllegalStateException("Task timed out");
            }
            return response;
        };

        Simulation lambda = asDeployed().build().run(stream, function);

        assertThat(lambda)
                .hasNothingAtFailureDestination()
                .lostNothing(flaky.written())
                .handledEachEventExactlyOnce(flaky.written())
                .handledEachKeyInOrder(flaky.written());
        assertThat(lambda.deliveries(stream.record(0)))
                .as("deliveries of the first record")
                .isEqualTo(2);
        assertThat(lambda.deliveries(stream.record(3)))
                .as("deliveries of the throttled record")
                .isEqualTo(3);
        assertThat(log.entries()).hasSize(stream.records().size());
        assertThat(log.duplicatesIgnored()).isEqualTo(3); // records 0 to 2, delivered again after the timeout
        assertThat(log.history("o-1")).extracting(AuditEntry::newStatus).containsExactly("PLACED", "PAID", "SHIPPED");
    }

    @Test
    void aPoisonRecordReachesTheFailureDestinationAfterMaximumRetryAttemptsAndTheShardMovesOn() {
        TestStream stream = threeOrders();
        FlakyAuditLog flaky = new FlakyAuditLog(log, FailurePlan.none().withPermanent(4), stream.records());
        StreamProcessor processor = OrderAudit.processor(flaky);

        Simulation lambda = asDeployed().batchSize(3).build().run(stream, processor::process);

        List<ChangeRecord> records = stream.records();
        // Lambda retries from the poison record (position 4) and, when the retries run out, discards
        // what it was retrying: the poison record and the rest of its batch
        assertThat(lambda).discarded(records.get(4), records.get(5)).lostNothing(flaky.written());
        FailureDestinationRecord failure = lambda.failureDestination().get(0);
        assertThat(failure.condition()).isEqualTo(FailureDestinationRecord.RETRY_ATTEMPTS_EXHAUSTED);
        assertThat(failure.startSequenceNumber()).isEqualTo(records.get(4).sequenceNumber());
        assertThat(failure.endSequenceNumber()).isEqualTo(records.get(5).sequenceNumber());
        assertThat(lambda.deliveries(records.get(4))).isEqualTo(1 + 2); // the first delivery and two retries
        // the next batch is not held up
        assertThat(flaky.written())
                .containsExactly(
                        records.get(0),
                        records.get(1),
                        records.get(2),
                        records.get(3),
                        records.get(6),
                        records.get(7),
                        records.get(8));
        assertThat(lambda.invocations())
                .extracting(Invocation::outcome)
                .containsExactly(
                        Invocation.Outcome.SUCCEEDED,
                        Invocation.Outcome.PARTIAL_FAILURE,
                        Invocation.Outcome.PARTIAL_FAILURE,
                        Invocation.Outcome.PARTIAL_FAILURE,
                        Invocation.Outcome.SUCCEEDED);
    }
}
