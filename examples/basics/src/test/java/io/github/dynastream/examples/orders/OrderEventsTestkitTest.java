package io.github.dynastream.examples.orders;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderEventsTestkitTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final List<String> sent = new ArrayList<>();
    private final StreamProcessor processor = StreamProcessor.builder()
            .handler(new OrderEvents((to, message) -> sent.add(to + ": " + message)))
            .build();

    private static Order order(String id, Order.Status status) {
        return new Order(
                id,
                "alice",
                status,
                new BigDecimal("59.9"),
                List.of(new Order.Line("BOOK-42", 2)),
                Set.of("gift"),
                Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void notifiesOnlyWhenTheStatusChanges() {
        Order placed = order("o-1", Order.Status.PLACED);
        Order paid = order("o-1", Order.Status.PAID);
        TestStream stream = orders.stream()
                .insert(placed)
                .modify(placed, paid)
                .modify(paid, paid) // no status change: no message
                .ttlExpire(paid);

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        assertThat(sent)
                .containsExactly(
                        "alice: order o-1 placed: 2 item(s), total 59.9",
                        "alice: order o-1 is now PAID (was PLACED)",
                        "archive: order o-1 expired by TTL at 2026-01-01T00:00:03Z");
    }

    @Test
    void aFailedNotificationIsRetriedFromThatRecordWithoutRepeatingEarlierOnes() {
        List<String> failOnce = new ArrayList<>(List.of("order o-2 placed"));
        StreamProcessor flaky = StreamProcessor.builder()
                .handler(new OrderEvents((to, message) -> {
                    if (failOnce.removeIf(message::startsWith)) {
                        throw new IllegalStateException("mail server busy");
                    }
                    sent.add(message);
                }))
                .build();
        TestStream stream = orders.stream()
                .insert(order("o-1", Order.Status.PLACED))
                .insert(order("o-2", Order.Status.PLACED))
                .insert(order("o-3", Order.Status.PLACED));

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(stream, flaky::process);

        assertThat(lambda).hasInvocationCount(2).hasNothingAtFailureDestination();
        assertThat(lambda.invocations().get(0).checkpoint())
                .isEqualTo(stream.record(1).sequenceNumber());
        assertThat(sent).extracting(m -> m.substring(0, 10)).containsExactly("order o-1 ", "order o-2 ", "order o-3 ");
    }
}
