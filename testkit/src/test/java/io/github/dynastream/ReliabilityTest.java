package io.github.dynastream;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestContext;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Idempotency, retries, parallel mode, dead letters and listeners, on testkit events. */
class ReliabilityTest {
    record Order(String id, int version) {}

    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();

    private TestStream inserts(String... ids) {
        TestStream stream = orders.stream();
        for (String id : ids) {
            stream.insert(new Order(id, 1));
        }
        return stream;
    }

    static final class Throttled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Throttled() {
            super("throttled");
        }
    }

    @Test
    void aRedeliveredBatchSkipsWhatCompletedAndRunsFromTheFailure() {
        List<String> runs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(1);
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        if (order.id().equals("b") && failuresLeft.getAndDecrement() > 0) {
                            throw new IllegalStateException("once");
                        }
                        runs.add(order.id());
                    }
                })
                .build();
        TestStream stream = inserts("a", "b", "c");

        BatchResult first = processor.processRecords(stream.records());
        // Lambda's whole-batch retry (e.g. after a timeout) delivers "a" again: it is skipped.
        BatchResult again = processor.processRecords(stream.records());

        assertThat(first.toResponse()).failedAt(stream.record(1));
        assertThat(again.toResponse()).hasNoFailures();
        assertThat(again.outcomes())
                .extracting(RecordOutcome::status)
                .containsExactly(
                        RecordOutcome.Status.SKIPPED_DUPLICATE,
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.SUCCEEDED);
        assertThat(runs).containsExactly("a", "b", "c");
    }

    @Test
    void aRecordLeasedByAnotherLiveInvocationFailsInsteadOfRunningTwice() {
        IdempotencyStore store = IdempotencyStore.inMemory();
        TestStream stream = inserts("a");
        store.acquire(
                stream.record(0).eventId(),
                "other-invocation",
                java.time.Instant.now().plusSeconds(60));
        List<String> runs = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(store)
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        runs.add(order.id());
                    }
                })
                .build();

        BatchResult result =
                processor.processRecords(stream.records(), TestContext.withRemainingTime(Duration.ofSeconds(30)));

        assertThat(runs).isEmpty();
        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOf(RecordInProgressException.class)
                .hasMessageContaining("Another invocation is processing record eventID=");
    }

    @Test
    void retryableExceptionsAreRetriedInProcessOthersFailAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        StreamProcessor processor = StreamProcessor.builder()
                .retry(RetryPolicy.builder()
                        .retryOn(Throttled.class)
                        .maxAttempts(4)
                        .backoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(5))
                        .build())
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        int attempt = attempts.incrementAndGet();
                        if (order.id().equals("a") && attempt < 3) {
                            throw new Throttled();
                        }
                        if (order.id().equals("b")) {
                            throw new IllegalArgumentException("not retryable");
                        }
                    }
                })
                .build();
        TestStream stream = inserts("a", "b");

        BatchResult result = processor.processRecords(stream.records());

        assertThat(attempts).hasValue(4); // a: 2 throttled + 1 success; b: 1 attempt
        assertThat(result.toResponse()).failedAt(stream.record(1));
        assertThat(result.failure().orElseThrow().cause()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retriesStopWhenTheInvocationIsAboutToTimeOut() {
        AtomicInteger attempts = new AtomicInteger();
        StreamProcessor processor = StreamProcessor.builder()
                .retry(RetryPolicy.builder()
                        .retryOn(Throttled.class)
                        .maxAttempts(5)
                        .backoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(2))
                        .safetyMargin(Duration.ofSeconds(2))
                        .build())
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        attempts.incrementAndGet();
                        throw new Throttled();
                    }
                })
                .build();

        BatchResult result =
                processor.processRecords(inserts("a").records(), TestContext.withRemainingTime(Duration.ofSeconds(1)));

        assertThat(attempts).hasValue(1);
        assertThat(result.failure().orElseThrow().cause()).isInstanceOf(Throttled.class);
    }

    @Test
    void parallelModeRunsKeysConcurrentlyKeepsEachKeysOrderAndReportsTheLowestFailure() throws Exception {
        CountDownLatch bothKeysRunning = new CountDownLatch(2);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .parallelism(4)
                .partitionKey("id")
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    void on(Order order) throws InterruptedException {
                        if (order.version() == 1) {
                            bothKeysRunning.countDown();
                            // Each key's first record waits until the other key's started: they overlap.
                            assertThat(bothKeysRunning.await(10, TimeUnit.SECONDS))
                                    .isTrue();
                        }
                        threads.add(Thread.currentThread().getName());
                        seen.computeIfAbsent(order.id(), k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(order.version());
                        if (order.id().equals("b") && order.version() == 2) {
                            throw new IllegalStateException("b fails at version 2");
                        }
                    }
                })
                .build();
        TestStream stream = orders.stream()
                .insert(new Order("a", 1))
                .insert(new Order("b", 1))
                .modify(new Order("a", 1), new Order("a", 2))
                .modify(new Order("b", 1), new Order("b", 2))
                .modify(new Order("a", 2), new Order("a", 3))
                .modify(new Order("b", 2), new Order("b", 3));

        BatchResult result = processor.processRecords(stream.records());

        assertThat(threads).hasSizeGreaterThanOrEqualTo(2).allMatch(name -> name.startsWith("dynastream-worker-"));
        assertThat(seen.get("a")).containsExactly(1, 2, 3);
        assertThat(seen.get("b")).containsExactly(1, 2);
        assertThat(result.toResponse()).failedAt(stream.record(3));
        assertThat(result.outcomes())
                .extracting(RecordOutcome::status)
                .containsExactly(
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.FAILED,
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.NOT_ATTEMPTED);
    }

    @Test
    void withoutAPartitionKeyRecordsGroupByTheirItemKey() {
        TestTable lines = StreamEvents.table("Lines")
                .partitionKey("order")
                .sortKey("line")
                .build();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .parallelism(2)
                .handler(new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {
                        seen.add(record.keys().toString());
                    }
                })
                .build();
        TestStream stream = lines.stream()
                .insert(Map.of("order", AttributeValue.s("o"), "line", AttributeValue.n("1")))
                .insert(Map.of("order", AttributeValue.s("o"), "line", AttributeValue.n("2")));

        assertThat(processor.processRecords(stream.records()).isSuccess()).isTrue();
        assertThat(seen).hasSize(2);
    }

    @Test
    void buildRefusesParallelModeAndDeadLettersWithoutAnIdempotencyStore() {
        Object handler = new Object() {
            @OnInsert
            void on(Order order) {}
        };
        assertThatThrownBy(() -> StreamProcessor.builder()
                        .handler(handler)
                        .parallelism(4)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parallelism [4] needs an idempotency store");
        assertThatThrownBy(() -> StreamProcessor.builder()
                        .handler(handler)
                        .deadLetter(3, letter -> {})
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dead-lettering counts failed deliveries in the idempotency store");
        assertThatThrownBy(() -> StreamProcessor.builder()
                        .handler(handler)
                        .partitionKey("id")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition key [id] only groups records in parallel mode");
        assertThatThrownBy(() -> StreamProcessor.builder()
                        .handler(handler)
                        .parallelism(0)
                        .build())
                .hasMessage("parallelism must be >= 1 but was [0]");
    }

    @Test
    void afterNFailedDeliveriesTheRecordGoesToTheDeadLetterSinkAndTheShardMovesOn() {
        List<DeadLetter> letters = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .deadLetter(3, letters::add)
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        if (order.id().equals("poison")) {
                            throw new IllegalStateException("cannot process");
                        }
                        ran.add(order.id());
                    }
                })
                .build();
        TestStream stream = inserts("poison", "next");

        BatchResult first = processor.processRecords(stream.records());
        BatchResult second = processor.processRecords(stream.records());
        BatchResult third = processor.processRecords(stream.records());

        assertThat(first.toResponse()).failedAt(stream.record(0));
        assertThat(second.toResponse()).failedAt(stream.record(0));
        assertThat(third.toResponse()).hasNoFailures();
        assertThat(third.outcomes())
                .extracting(RecordOutcome::status)
                .containsExactly(RecordOutcome.Status.DEAD_LETTERED, RecordOutcome.Status.SUCCEEDED);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.record()).isEqualTo(stream.record(0));
            assertThat(letter.deliveries()).isEqualTo(3);
            assertThat(letter.cause()).hasMessage("cannot process");
        });
        assertThat(ran).containsExactly("next");
        // Later deliveries skip it: it counts as done.
        assertThat(processor.processRecords(stream.records()).outcomes())
                .extracting(RecordOutcome::status)
                .containsOnly(RecordOutcome.Status.SKIPPED_DUPLICATE);
    }

    @Test
    void aSinkThatFailsLeavesTheRecordFailed() {
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .deadLetter(1, letter -> {
                    throw new IllegalStateException("queue unavailable");
                })
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        throw new IllegalArgumentException("bad");
                    }
                })
                .build();
        TestStream stream = inserts("a");

        BatchResult result = processor.processRecords(stream.records());

        assertThat(result.toResponse()).failedAt(stream.record(0));
        assertThat(result.failure().orElseThrow().cause())
                .hasMessage("queue unavailable")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    void listenersReceiveEveryOutcomeAndABatchSummary() {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<BatchSummary> summaries = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .listener(new ProcessingListener() {
                    @Override
                    public void onRecord(RecordOutcome outcome) {
                        outcomes.add(outcome);
                    }

                    @Override
                    public void onBatch(BatchSummary summary) {
                        summaries.add(summary);
                    }
                })
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        if (order.id().equals("c")) {
                            throw new IllegalStateException("c");
                        }
                    }
                })
                .build();
        TestStream stream = inserts("a", "b", "c", "d");
        processor.processRecords(stream.records().subList(0, 1));

        processor.processRecords(stream.records());

        assertThat(outcomes).hasSize(5);
        BatchSummary summary = summaries.get(1);
        assertThat(summary.records()).isEqualTo(4);
        assertThat(summary.skippedDuplicates()).isEqualTo(1);
        assertThat(summary.succeeded()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.notAttempted()).isEqualTo(1);
        assertThat(summary.failedSequenceNumber()).contains(stream.record(2).sequenceNumber());
        assertThat(summary.iteratorAge()).isPresent();
        assertThat(outcomes.get(3).duration()).isPositive();
    }

    @Test
    void anIdempotencyKeyFunctionThatReturnsNothingFailsTheRecord() {
        StreamProcessor processor = StreamProcessor.builder()
                .idempotency(IdempotencyStore.inMemory())
                .idempotencyKey(record -> null)
                .logBatchSummary(false)
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {}
                })
                .build();
        TestStream stream = inserts("a");

        BatchResult result = processor.processRecords(stream.records());

        assertThat(result.toResponse()).failedAt(stream.record(0));
        assertThat(result.failure().orElseThrow().cause())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the idempotency key function returned [null]");
    }
}
