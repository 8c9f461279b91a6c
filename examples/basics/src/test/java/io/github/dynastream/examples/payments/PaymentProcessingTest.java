package io.github.dynastream.examples.payments;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.DeadLetter;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestContext;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PaymentProcessingTest {
    private final TestTable payments = StreamEvents.table("Payments")
            .partitionKey("accountId")
            .sortKey("paymentId")
            .build();

    private static Payment payment(String account, String id) {
        return new Payment(account, id, new BigDecimal("10.00"), "EUR");
    }

    @Test
    void everyPaymentIsChargedOnceAcrossThrottlingAndRedelivery() {
        Map<String, AtomicInteger> charges = new ConcurrentHashMap<>();
        AtomicInteger busy = new AtomicInteger(3);
        StreamProcessor processor = PaymentProcessing.processor(IdempotencyStore.inMemory(), letter -> {}, payment -> {
            if (busy.getAndDecrement() > 0) {
                throw new PaymentGateway.GatewayBusyException("slow down");
            }
            charges.computeIfAbsent(payment.paymentId(), k -> new AtomicInteger())
                    .incrementAndGet();
        });
        TestStream stream = payments.stream()
                .insert(payment("acc-1", "p-1"))
                .insert(payment("acc-2", "p-2"))
                .insert(payment("acc-1", "p-3"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        // Lambda delivers the batch again (say the invocation timed out after the work): nothing is charged twice.
        assertThat(processor.process(stream.toDynamodbEvent(), TestContext.withRemainingTime(Duration.ofMinutes(1))))
                .hasNoFailures();
        assertThat(charges).containsOnlyKeys("p-1", "p-2", "p-3");
        assertThat(charges.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void aPaymentThatKeepsFailingIsSetAsideAfterFiveDeliveries() {
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        List<String> charged = Collections.synchronizedList(new ArrayList<>());
        StreamProcessor processor = PaymentProcessing.processor(IdempotencyStore.inMemory(), letters::add, payment -> {
            if (payment.paymentId().equals("p-bad")) {
                throw new IllegalArgumentException("card declined");
            }
            charged.add(payment.paymentId());
        });
        TestStream stream = payments.stream()
                .insert(payment("acc-1", "p-bad"))
                .insert(payment("acc-1", "p-after"))
                .insert(payment("acc-2", "p-other"));

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(stream, processor::process);

        assertThat(lambda).hasNothingAtFailureDestination().hasInvocationCount(5);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.deliveries()).isEqualTo(5);
            assertThat(letter.record().eventId()).isEqualTo(stream.record(0).eventId());
        });
        assertThat(charged).containsExactlyInAnyOrder("p-after", "p-other");
        assertThat(stream.records()).extracting(ChangeRecord::eventId).doesNotHaveDuplicates();
    }
}
