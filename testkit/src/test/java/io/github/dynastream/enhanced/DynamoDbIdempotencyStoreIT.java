package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.IdempotencyStore.Acquisition.State;
import io.github.dynastream.OnInsert;
import io.github.dynastream.RecordInProgressException;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.LocalAws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** The DynamoDB-backed idempotency store against a real DynamoDB API (moto) over HTTP. */
class DynamoDbIdempotencyStoreIT {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    // Starts at the wall clock's time: DynamoDB deletes items whose TTL (stamped from this clock) has
    // passed by its own clock, so a clock set in the past would have entries vanish at random.
    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final RequestCounter requests = new RequestCounter();

    /**
     * Counts requests per operation; can throttle UpdateItem on demand, and can answer BatchGetItem
     * as DynamoDB does under load: with all but the first key of a request left unprocessed.
     */
    static final class RequestCounter implements ExecutionInterceptor {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        final AtomicBoolean throttleUpdates = new AtomicBoolean();
        final AtomicBoolean leaveKeysUnprocessed = new AtomicBoolean();

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof BatchGetItemResponse response) || !leaveKeysUnprocessed.get()) {
                return context.response();
            }
            BatchGetItemRequest request = (BatchGetItemRequest) context.request();
            Map<String, List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>>> served =
                    new HashMap<>();
            Map<String, KeysAndAttributes> unprocessed = new HashMap<>();
            request.requestItems().forEach((table, wanted) -> {
                List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> keys = wanted.keys();
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> first = keys.get(0);
                served.put(
                        table,
                        response.responses().getOrDefault(table, List.of()).stream()
                                .filter(item -> item.get("id").equals(first.get("id")))
                                .toList());
                if (keys.size() > 1) {
                    unprocessed.put(
                            table,
                            wanted.toBuilder()
                                    .keys(keys.subList(1, keys.size()))
                                    .build());
                }
            });
            return response.toBuilder()
                    .responses(served)
                    .unprocessedKeys(unprocessed)
                    .build();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            if (throttleUpdates.get() && operation.equals("UpdateItem")) {
                throw ProvisionedThroughputExceededException.builder()
                        .message("Rate of requests exceeds the allowed throughput")
                        .build();
            }
        }

        Map<String, Integer> snapshotAndReset() {
            Map<String, Integer> snapshot = new TreeMap<>();
            counts.forEach((operation, count) -> snapshot.put(operation, count.getAndSet(0)));
            snapshot.values().removeIf(n -> n == 0);
            return snapshot;
        }
    }

    /**
     * Lets one request at a time reach the server. DynamoDB applies each conditional write
     * atomically; moto 5.2.1 reads the item, checks the condition and writes it without a lock, so
     * two concurrent conditional writes to one item can both succeed there. Serialising the requests
     * gives moto the atomicity DynamoDB documents, and the callers still interleave request by
     * request, which is all the atomicity of single writes promises them.
     */
    static final class OneRequestAtATime implements ExecutionInterceptor {
        private static final ExecutionAttribute<Boolean> HOLDS = new ExecutionAttribute<>("OneRequestAtATime");
        private final Semaphore permit = new Semaphore(1);

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            permit.acquireUninterruptibly();
            attributes.putAttribute(HOLDS, true);
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            releaseIfHeld(attributes);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            releaseIfHeld(attributes);
        }

        private void releaseIfHeld(ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(HOLDS))) {
                attributes.putAttribute(HOLDS, false);
                permit.release();
            }
        }
    }

    /** A client for the endpoint that counts requests and never retries on its own. */
    private DynamoDbClient client(URI endpoint, ExecutionInterceptor... more) {
        return AWS.configure(DynamoDbClient.builder())
                .endpointOverride(endpoint)
                .overrideConfiguration(o -> {
                    o.addExecutionInterceptor(requests).retryStrategy(AwsRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor interceptor : more) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    private DynamoDbIdempotencyStore newStore(ExecutionInterceptor... more) {
        DynamoDbClient client = client(AWS.endpoint(), more);
        String table = "idempotency-" + TABLES.incrementAndGet();
        DynamoDbIdempotencyStore.createTable(client, table);
        requests.snapshotAndReset();
        return DynamoDbIdempotencyStore.builder()
                .client(client)
                .tableName(table)
                .keyPrefix("orders#")
                .clock(clock)
                .build();
    }

    private static List<ChangeRecord> batch(int size) {
        List<ChangeRecord> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "o-" + i;
            records.add(ChangeRecord.builder()
                    .eventId("event-" + i)
                    .eventName(EventName.INSERT)
                    .sequenceNumber(Long.toString(400_000_000_000_000_000L + i))
                    .keys(Map.of("id", AttributeValue.s(id)))
                    .newImage(Map.of("id", AttributeValue.s(id)))
                    .build());
        }
        return records;
    }

    /** Counts how often each record ran. */
    static final class Counting {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        volatile CountDownLatch gate;

        @OnInsert
        void on(ChangeRecord record) throws InterruptedException {
            runs.computeIfAbsent(record.eventId(), k -> new AtomicInteger()).incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                g.await(10, TimeUnit.SECONDS);
            }
        }
    }

    private StreamProcessor processor(IdempotencyStore store, Counting handler) {
        return StreamProcessor.builder()
                .idempotency(store)
                .clock(clock)
                .idempotencyLease(Duration.ofSeconds(30))
                .logBatchSummary(false)
                .handler(handler)
                .build();
    }

    @Test
    void leaseCompleteReleaseAndExpiry() {
        DynamoDbIdempotencyStore store = newStore();
        Instant lease = clock.instant().plusSeconds(30);

        assertThat(store.acquire("a", "inv-1", lease).state()).isEqualTo(State.ACQUIRED);
        assertThat(store.acquire("a", "inv-2", lease)).satisfies(a -> {
            assertThat(a.state()).isEqualTo(State.HELD_ELSEWHERE);
            assertThat(a.leaseExpiresAt()).isEqualTo(lease);
        });
        store.release("a", "inv-1");
        assertThat(store.acquire("a", "inv-2", lease).previousFailures()).isEqualTo(1);
        store.complete("a", "inv-2");
        assertThat(store.acquire("a", "inv-3", lease).state()).isEqualTo(State.ALREADY_COMPLETED);
        assertThat(store.completedAmong(List.of("a", "b"))).containsExactly("a");

        // COMPLETED entries carry a TTL past the stream's retention, and count as gone once it passed.
        clock.advance(Duration.ofHours(25).plusSeconds(1));
        assertThat(store.completedAmong(List.of("a"))).isEmpty();
        assertThat(store.acquire("a", "inv-4", clock.instant().plusSeconds(30)).state())
                .isEqualTo(State.ACQUIRED);
    }

    @Test
    void twoProcessorsRacingOnTheSameBatchRunEachRecordOnce() throws Exception {
        DynamoDbIdempotencyStore store = newStore(new OneRequestAtATime());
        Counting handler = new Counting();
        List<ChangeRecord> records = batch(20);
        StreamProcessor first = processor(store, handler);
        StreamProcessor second = processor(store, handler);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);

        Future<BatchResult> a = pool.submit(() -> {
            start.await();
            return first.processRecords(records);
        });
        Future<BatchResult> b = pool.submit(() -> {
            start.await();
            return second.processRecords(records);
        });
        start.countDown();
        List<BatchResult> results = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        pool.shutdownNow();
        // Lambda retries whatever failed (a lease held by the other); by now every lease is completed.
        for (BatchResult result : results) {
            result.failure().ifPresent(f -> assertThat(f.cause()).isInstanceOf(RecordInProgressException.class));
        }
        BatchResult retry = first.processRecords(records);

        assertThat(retry.isSuccess()).isTrue();
        assertThat(handler.runs).hasSize(20);
        assertThat(handler.runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void aCrashedInvocationsRecordRunsAgainAfterItsLeaseExpires() {
        DynamoDbIdempotencyStore store = newStore();
        Counting handler = new Counting();
        List<ChangeRecord> records = batch(3);
        // An invocation took record 1's lease and died without completing or releasing it.
        store.acquire(
                records.get(1).eventId(), "crashed-invocation", clock.instant().plusSeconds(30));
        StreamProcessor processor = processor(store, handler);

        BatchResult whileLeased = processor.processRecords(records);
        clock.advance(Duration.ofSeconds(31));
        BatchResult afterExpiry = processor.processRecords(records);

        assertThat(whileLeased.failure().orElseThrow().record()).isEqualTo(records.get(1));
        assertThat(whileLeased.failure().orElseThrow().cause()).isInstanceOf(RecordInProgressException.class);
        assertThat(afterExpiry.isSuccess()).isTrue();
        assertThat(afterExpiry.outcomes())
                .extracting(RecordOutcome::status)
                .containsExactly(
                        RecordOutcome.Status.SKIPPED_DUPLICATE,
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.SUCCEEDED);
        assertThat(handler.runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void throttlingFailsTheRecordAndNeverSkipsIt() {
        DynamoDbIdempotencyStore store = newStore();
        Counting handler = new Counting();
        List<ChangeRecord> records = batch(2);
        StreamProcessor processor = processor(store, handler);

        requests.throttleUpdates.set(true);
        BatchResult throttled = processor.processRecords(records);
        requests.throttleUpdates.set(false);
        BatchResult recovered = processor.processRecords(records);

        assertThat(throttled.failure().orElseThrow().record()).isEqualTo(records.get(0));
        assertThat(throttled.failure().orElseThrow().cause())
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(recovered.isSuccess()).isTrue();
        assertThat(handler.runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void anUnreachableEndpointFailsTheRecordAndNeverSkipsIt() {
        DynamoDbClient unreachable = client(URI.create("http://127.0.0.1:" + LocalAws.freeLoopbackPort()));
        IdempotencyStore store = DynamoDbIdempotencyStore.builder()
                .client(unreachable)
                .tableName("missing")
                .clock(clock)
                .build();
        Counting handler = new Counting();
        List<ChangeRecord> records = batch(2);

        BatchResult result = processor(store, handler).processRecords(records);

        assertThat(handler.runs).isEmpty();
        assertThat(result.failure().orElseThrow().record()).isEqualTo(records.get(0));
        assertThat(result.failure().orElseThrow().cause()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void aRedeliveredBatchCostsAboutOneRequestPerHundredRecords() {
        DynamoDbIdempotencyStore store = newStore();
        Counting handler = new Counting();
        List<ChangeRecord> records = batch(250);
        StreamProcessor processor = processor(store, handler);

        assertThat(processor.processRecords(records).isSuccess()).isTrue();
        Map<String, Integer> firstDelivery = requests.snapshotAndReset();
        assertThat(processor.processRecords(records).isSuccess()).isTrue();
        Map<String, Integer> redelivery = requests.snapshotAndReset();

        System.out.println("DynamoDB requests for a batch of 250 records: first delivery " + firstDelivery
                + ", redelivery " + redelivery);
        assertThat(firstDelivery).containsEntry("BatchGetItem", 3).containsEntry("UpdateItem", 500);
        assertThat(redelivery).containsOnlyKeys("BatchGetItem").containsEntry("BatchGetItem", 3);
        assertThat(handler.runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }

    /** What a redelivery cost, and how it ended, while DynamoDB serves one key per BatchGetItem. */
    private record Redelivery(Map<String, Integer> requests, BatchResult result, Counting handler) {}

    private Redelivery redeliverWithOneKeyServedPerRequest(int records) {
        Counting handler = new Counting();
        List<ChangeRecord> batch = batch(records);
        StreamProcessor processor = processor(newStore(), handler);
        assertThat(processor.processRecords(batch).isSuccess()).isTrue();
        requests.snapshotAndReset();

        requests.leaveKeysUnprocessed.set(true);
        BatchResult result = processor.processRecords(batch);
        requests.leaveKeysUnprocessed.set(false);
        return new Redelivery(requests.snapshotAndReset(), result, handler);
    }

    @Test
    void keysLeftUnprocessedAreAskedForAgainSoARedeliveryStillSkipsEveryCompletedRecord() {
        Redelivery redelivery = redeliverWithOneKeyServedPerRequest(5);

        // One key is served per request, so five requests find all five completed markers.
        assertThat(redelivery.requests()).containsOnlyKeys("BatchGetItem").containsEntry("BatchGetItem", 5);
        assertThat(redelivery.result().outcomes())
                .extracting(RecordOutcome::status)
                .containsOnly(RecordOutcome.Status.SKIPPED_DUPLICATE);
        assertThat(redelivery.handler().runs.values())
                .allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void keysStillUnprocessedAfterEveryRetryAreDecidedByTheConditionalWriteNotSkippedOnAGuess() {
        Redelivery redelivery = redeliverWithOneKeyServedPerRequest(8);

        // Six bulk reads find six markers; the last two records each take one conditional write to
        // learn they are completed, and none runs again.
        assertThat(redelivery.requests()).containsEntry("BatchGetItem", 6).containsEntry("UpdateItem", 2);
        assertThat(redelivery.result().outcomes())
                .extracting(RecordOutcome::status)
                .containsOnly(RecordOutcome.Status.SKIPPED_DUPLICATE);
        assertThat(redelivery.handler().runs.values())
                .allSatisfy(n -> assertThat(n).hasValue(1));
    }
}
