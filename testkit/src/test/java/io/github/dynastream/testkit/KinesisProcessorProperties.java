package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.LastAppliedStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The processor on Kinesis Data Streams for DynamoDB under Lambda's delivery semantics, with the
 * duplicates and reordering Kinesis may bring: for random histories delivered in random orders with
 * random duplicates, random transient failures, redeliveries after crashed invocations and parallel
 * mode, through the event source mapping simulator on Kinesis sequence numbers, an idempotency store
 * and the per-item guard make every item's applied changes follow its creation order, apply each
 * change at most once, and never lose an item's latest change. A processor without the guard is
 * caught applying an older change last.
 */
class KinesisProcessorProperties {
    private final TestTable table =
            StreamEvents.table("Items").partitionKey("pk").sortKey("sk").build();

    private static final int MAX_DELIVERIES = 4 * 2 * 5 + 3;

    /**
     * A history, how Kinesis delivers it (a shuffle seed, how many changes arrive twice) and which
     * deliveries fail transiently. Drawn plan first, history last, as in {@code
     * StreamProcessorProperties}, so that shrinking the history does not redraw the rest.
     */
    record Scenario(History<Map<String, AttributeValue>> history, long shuffle, int duplicates, FailurePlan plan) {
        KinesisDelivery delivery() {
            KinesisDelivery delivery = history.toStream().kinesis();
            Random random = new Random(shuffle);
            for (int i = 0; i < duplicates; i++) {
                delivery.duplicate(random.nextInt(history.size()));
            }
            return delivery.shuffled(shuffle);
        }
    }

    private Gen<Scenario> scenarios() {
        HistoryGenerator<Map<String, AttributeValue>> histories = StreamGenerators.histories(table)
                .partitionKeys(1, 4)
                .sortKeysPerPartition(1, 2)
                .changesPerItem(1, 5);
        Gen<FailurePlan> plans =
                StreamGenerators.failurePlans(MAX_DELIVERIES).map(KinesisProcessorProperties::transientOnly);
        return plans.zip(
                Generate.longRange(0, 1_000_000),
                Generate.range(0, 3),
                histories,
                (plan, shuffle, duplicates, history) -> new Scenario(history, shuffle, duplicates, plan));
    }

    private static FailurePlan transientOnly(FailurePlan plan) {
        FailurePlan kept = FailurePlan.none();
        for (Map.Entry<Integer, Integer> fault : plan.failingDeliveries().entrySet()) {
            if (fault.getValue() != FailurePlan.PERMANENT) {
                kept = kept.withTransient(fault.getKey(), fault.getValue());
            }
        }
        return kept;
    }

    /** How the run goes wrong beyond the plan, and which entry point the function uses. */
    record Trouble(int crashes, boolean parallel, boolean rawJson) {}

    private static Gen<Trouble> trouble() {
        return Generate.range(0, 3).zip(Generate.booleans(), Generate.booleans(), Trouble::new);
    }

    private static StreamProcessor processor(
            StreamProcessor.Builder builder, FailurePlan.Injector faults, List<ChangeRecord> handled) {
        return builder.handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        faults.onDelivery(record);
                        handled.add(record);
                    }
                })
                .logBatchSummary(false)
                .build();
    }

    /** Runs the deliveries through the simulator (all written when it starts), crashing as told. */
    private static Simulation run(KinesisDelivery delivery, StreamProcessor processor, int batchSize, Trouble trouble) {
        AtomicInteger crashesLeft = new AtomicInteger(trouble.crashes());
        Function<DynamodbEvent, StreamsEventResponse> function = batch -> {
            StreamsEventResponse response = trouble.rawJson()
                    ? processor.process(delivery.toInputStream(batch))
                    : processor.process(delivery.toKinesisEvent(batch));
            if (crashesLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("timed out after the work was done");
            }
            return response;
        };
        List<ShardRecord> shard = new ArrayList<>();
        for (ChangeRecord record : delivery.records()) {
            shard.add(new ShardRecord(record, Instant.EPOCH));
        }
        return EventSourceMappingSimulator.builder()
                .startingAt(Instant.EPOCH)
                .reportBatchItemFailures(true)
                .batchSize(batchSize)
                .build()
                .runWithWriteTimes(shard, function);
    }

    @Test
    void withIdempotencyAndTheGuardEachItemMovesForwardOnlyEachChangeAppliesOnceAndNoneIsLost() {
        Theories.qt(300)
                .forAll(Generate.range(1, 8), trouble(), scenarios())
                .checkAssert((batchSize, trouble, scenario) -> {
                    KinesisDelivery delivery = scenario.delivery();
                    List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
                    StreamProcessor processor = processor(
                            StreamProcessor.builder()
                                    .idempotency(IdempotencyStore.inMemory())
                                    .skipOlderChanges(LastAppliedStore.inMemory())
                                    .parallelism(trouble.parallel() ? 3 : 1),
                            scenario.plan().injector(delivery.records()),
                            handled);

                    Simulation simulation = run(delivery, processor, batchSize, trouble);

                    StreamAssertions.assertThat(simulation).hasNothingAtFailureDestination();
                    List<ChangeRecord> changes = scenario.history().toStream().records();
                    assertEachItemMovesForward(handled);
                    assertEachChangeAppliedAtMostOnce(handled);
                    assertNoLatestChangeLost(changes, handled);
                    assertEverySkippedChangeIsOlderThanAnApplied(changes, handled);
                });
    }

    /** Without reordering, idempotency alone gives exactly once and stream order on Kinesis as well. */
    @Test
    void withIdempotencyAndDuplicatesOnlyEveryChangeTakesEffectExactlyOnceInOrder() {
        Theories.qt(200)
                .forAll(Generate.range(1, 8), trouble(), scenarios())
                .checkAssert((batchSize, trouble, scenario) -> {
                    KinesisDelivery delivery = scenario.history().toStream().kinesis();
                    Random random = new Random(scenario.shuffle());
                    for (int i = 0; i < scenario.duplicates(); i++) {
                        delivery.duplicate(random.nextInt(scenario.history().size()));
                    }
                    List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
                    StreamProcessor processor = processor(
                            StreamProcessor.builder()
                                    .idempotency(IdempotencyStore.inMemory())
                                    .parallelism(trouble.parallel() ? 3 : 1),
                            scenario.plan().injector(delivery.records()),
                            handled);

                    run(delivery, processor, batchSize, trouble);

                    List<ChangeRecord> changes = scenario.history().toStream().records();
                    assertEachItemMovesForward(handled);
                    assertEachChangeAppliedAtMostOnce(handled);
                    assertThat(handled.stream().map(ChangeRecord::eventId).distinct())
                            .containsExactlyInAnyOrderElementsOf(
                                    changes.stream().map(ChangeRecord::eventId).toList());
                });
    }

    /** The check bites: without the guard, a reordered delivery applies an item's older change last. */
    @Test
    void withoutTheGuardAReorderedDeliveryMovesAnItemBackwardsAndIsCaught() {
        TestTable items = StreamEvents.table("Items").partitionKey("pk").build();
        Map<String, AttributeValue> v1 = Map.of("pk", AttributeValue.s("a"), "v", AttributeValue.n("1"));
        Map<String, AttributeValue> v2 = Map.of("pk", AttributeValue.s("a"), "v", AttributeValue.n("2"));
        TestStream stream = items.stream().insert(v1).modify(v1, v2);
        KinesisDelivery delivery = stream.kinesis().deliverAt(1, 0); // the MODIFY overtakes the INSERT
        List<ChangeRecord> handled = new ArrayList<>();
        StreamProcessor processor = processor(
                StreamProcessor.builder().idempotency(IdempotencyStore.inMemory()),
                FailurePlan.none().injector(delivery.records()),
                handled);

        run(delivery, processor, 10, new Trouble(0, false, false));

        assertThat(handled).extracting(r -> r.eventName().name()).containsExactly("MODIFY", "INSERT");
        assertThatThrownBy(() -> assertEachItemMovesForward(handled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("moved backwards");

        List<ChangeRecord> guarded = new ArrayList<>();
        run(
                delivery,
                processor(
                        StreamProcessor.builder()
                                .idempotency(IdempotencyStore.inMemory())
                                .skipOlderChanges(LastAppliedStore.inMemory()),
                        FailurePlan.none().injector(delivery.records()),
                        guarded),
                10,
                new Trouble(0, false, false));
        assertThat(guarded).extracting(r -> r.eventName().name()).containsExactly("MODIFY");
    }

    /** Per item, each applied change was made after the one applied before it. */
    static void assertEachItemMovesForward(List<ChangeRecord> handled) {
        Map<Map<String, AttributeValue>, ChangeRecord> last = new HashMap<>();
        for (ChangeRecord record : handled) {
            ChangeRecord before = last.put(record.keys(), record);
            if (before != null
                    && !record.approximateCreationDateTime()
                            .orElseThrow()
                            .isAfter(before.approximateCreationDateTime().orElseThrow())) {
                throw new AssertionError("item " + record.keys() + " moved backwards: " + record + " made at "
                        + record.approximateCreationDateTime().orElseThrow() + " applied after " + before
                        + " made at " + before.approximateCreationDateTime().orElseThrow());
            }
        }
    }

    static void assertEachChangeAppliedAtMostOnce(List<ChangeRecord> handled) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChangeRecord record : handled) {
            counts.merge(record.eventId(), 1, Integer::sum);
        }
        assertThat(counts)
                .as("times each change (eventID) took effect")
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }

    /** Each item's latest change took effect, so the item ends where the table's history does. */
    static void assertNoLatestChangeLost(List<ChangeRecord> changes, List<ChangeRecord> handled) {
        Map<Map<String, AttributeValue>, String> latest = new HashMap<>();
        for (ChangeRecord change : changes) {
            latest.put(change.keys(), change.eventId()); // stream order is creation order
        }
        assertThat(handled.stream().map(ChangeRecord::eventId).toList())
                .as("the latest change of every item")
                .containsAll(latest.values());
    }

    /** A change that never took effect was overtaken by a later change of its item that did. */
    static void assertEverySkippedChangeIsOlderThanAnApplied(List<ChangeRecord> changes, List<ChangeRecord> handled) {
        for (ChangeRecord change : changes) {
            boolean applied = handled.stream().anyMatch(r -> r.eventId().equals(change.eventId()));
            boolean overtaken = handled.stream()
                    .anyMatch(r -> r.keys().equals(change.keys())
                            && r.approximateCreationDateTime()
                                    .orElseThrow()
                                    .isAfter(
                                            change.approximateCreationDateTime().orElseThrow()));
            assertThat(applied || overtaken)
                    .as("%s was neither applied nor overtaken by a later change of its item", change)
                    .isTrue();
        }
    }
}
