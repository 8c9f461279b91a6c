package io.github.dynastream.examples.quickstart;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final List<String> messages = new ArrayList<>();
    private final StreamProcessor processor =
            StreamProcessor.builder().handler(new OrderEvents(messages::add)).build();

    @Test
    void eachChangeBecomesOneMessageAndTtlExpiryNone() {
        Order placed = new Order("o-1", "alice", "PLACED", new BigDecimal("59.90"));
        Order paid = new Order("o-1", "alice", "PAID", new BigDecimal("59.90"));
        TestStream stream = orders.stream()
                .insert(placed)
                .modify(placed, paid)
                .modify(paid, paid) // status unchanged: no message
                .ttlExpire(paid); // not a user's delete: no message

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        assertThat(messages).containsExactly("order o-1 placed by alice", "order o-1: PLACED -> PAID");
    }

    @Test
    void aFailedRecordIsRetriedFromItselfAndNothingOvertakesIt() {
        List<String> failOnce = new ArrayList<>(List.of("order o-2 placed by bob"));
        StreamProcessor flaky = StreamProcessor.builder()
                .handler(new OrderEvents(message -> {
                    if (failOnce.remove(message)) {
                        throw new IllegalStateException("message queue busy");
                    }
                    messages.add(message);
                }))
                .build();
        TestStream stream = orders.stream()
                .insert(new Order("o-1", "alice", "PLACED", BigDecimal.TEN))
                .insert(new Order("o-2", "bob", "PLACED", BigDecimal.ONE))
                .insert(new Order("o-3", "carol", "PLACED", BigDecimal.ONE));

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true) // as on the event source mapping
                .build()
                .run(stream, flaky::process);

        assertThat(lambda)
                .hasInvocationCount(2)
                .hasNothingAtFailureDestination()
                .hasNoIgnoredItemFailures();
        assertThat(lambda.invocations().get(0).checkpoint())
                .isEqualTo(stream.record(1).sequenceNumber());
        assertThat(messages)
                .containsExactly("order o-1 placed by alice", "order o-2 placed by bob", "order o-3 placed by carol");
    }
}
