package io.github.dynastream.examples.guide;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.DeadLetter;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.RetryPolicy;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import io.github.dynastream.examples.quickstart.Order;
import io.github.dynastream.examples.quickstart.OrderEvents;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The code of docs/reliability.md, run (the DynamoDB store runs on moto in the project's ITs). */
class ReliabilityGuideTest {
    private final List<String> sent = new ArrayList<>();
    private final TestStream stream = StreamEvents.table("Orders").partitionKey("id").build().stream()
            .insert(new Order("o-1", "alice", "PLACED", BigDecimal.ONE))
            .insert(new Order("o-2", "bob", "PLACED", BigDecimal.ONE));

    /** Thrown by a mail server that asks callers to try again. */
    static final class BusyException extends RuntimeException {
        BusyException() {
            super("try again");
        }
    }

    static IdempotencyStore dynamoDbStore(DynamoDbClient dynamoDbClient) {
        // snippet:dynamodb-store
        IdempotencyStore store = DynamoDbIdempotencyStore.builder()
                .client(dynamoDbClient)
                .tableName("dynastream-idempotency")
                .keyPrefix("order-events#") // several functions can share the table
                .build();
        // end:dynamodb-store
        return store;
    }

    @Test
    void aRedeliveredBatchIsSkippedRecordByRecord() {
        // snippet:idempotency
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents(sent::add))
                .idempotency(IdempotencyStore.inMemory()) // or a DynamoDbIdempotencyStore, shared by all instances
                .build();

        processor.process(stream.toInputStream());
        processor.process(stream.toInputStream()); // Lambda delivers the batch again

        assertThat(sent).containsExactly("order o-1 placed by alice", "order o-2 placed by bob");
        // end:idempotency
    }

    @Test
    void aTransientFailureIsRetriedInTheSameInvocation() {
        AtomicInteger busy = new AtomicInteger(2);
        // snippet:retry
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents(message -> {
                    if (busy.getAndDecrement() > 0) {
                        throw new BusyException();
                    }
                    sent.add(message);
                }))
                .retry(RetryPolicy.builder()
                        .retryOn(BusyException.class) // anything else fails the record at once
                        .maxAttempts(4)
                        .backoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(100))
                        .build())
                .build();
        // end:retry

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAndTheShardMovesOn() {
        List<DeadLetter> letters = new ArrayList<>();
        // snippet:dead-letter
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents(message -> {
                    if (message.contains("bob")) {
                        throw new IllegalArgumentException("bob's mailbox does not exist");
                    }
                    sent.add(message);
                }))
                .idempotency(IdempotencyStore.inMemory()) // counts the failed deliveries
                .deadLetter(3, letters::add) // on the third failed delivery: to the sink, and done
                .build();
        // end:dead-letter

        for (int delivery = 1; delivery <= 3; delivery++) {
            processor.process(stream.toInputStream());
        }

        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.record()).isEqualTo(stream.record(1));
            assertThat(letter.deliveries()).isEqualTo(3);
        });
        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
    }

    @Test
    void recordsOfDifferentCustomersRunInParallelEachCustomerInOrder() {
        List<String> synchronizedSent = java.util.Collections.synchronizedList(sent);
        // snippet:parallel
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents(synchronizedSent::add)) // called from several threads
                .idempotency(IdempotencyStore.inMemory()) // required: a retry skips what other keys finished
                .parallelism(4)
                .partitionKey("customer") // one customer's records in stream order
                .build();
        // end:parallel

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        assertThat(sent).containsExactlyInAnyOrder("order o-1 placed by alice", "order o-2 placed by bob");
    }
}
