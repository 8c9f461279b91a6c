package io.github.dynastream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.StreamsApiRecords;
import io.github.dynastream.testkit.FailurePlan;
import io.github.dynastream.testkit.History;
import io.github.dynastream.testkit.HistoryGenerator;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.StreamGenerators;
import io.github.dynastream.testkit.TestTable;
import io.github.dynastream.testkit.Theories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;

/**
 * The KCL runner under KCL's delivery: random histories split into a parent shard and its child,
 * random page sizes, failures that pass after some runs, and leases lost mid-page to a new owner
 * while the old one still runs its page. Each item's changes take effect in stream order without
 * gaps and nothing is lost; with an idempotency store every change takes effect exactly once. The
 * naive processor at the end shows the checks bite.
 */
class KclRunnerProperties {
    private static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/Items/stream/2026-12-01T00:00:00.000";
    private static final int MAX_RECORDS = 4 * 2 * 5;

    private final TestTable table =
            StreamEvents.table("Items").partitionKey("pk").sortKey("sk").build();

    /**
     * A stream and how it is read: the split into parent and child, the page size, which pages lose
     * their lease, and which deliveries fail. Drawn before the history (see StreamProcessorProperties).
     */
    record Scenario(History<Map<String, AttributeValue>> history, Reading reading) {}

    record Reading(FailurePlan plan, int pageSize, int splitPercent, Set<Integer> leaseLostAtPage) {}

    private Gen<Scenario> scenarios(boolean loseLeases) {
        HistoryGenerator<Map<String, AttributeValue>> histories = StreamGenerators.histories(table)
                .partitionKeys(1, 4)
                .sortKeysPerPartition(1, 2)
                .changesPerItem(1, 5);
        Gen<Set<Integer>> losses = loseLeases
                ? Generate.range(0, 12).zip(Generate.range(0, 12), (a, b) -> Set.copyOf(List.of(a, b)))
                : Generate.constant(Set.of());
        Gen<Reading> readings = StreamGenerators.failurePlans(MAX_RECORDS)
                .zip(Generate.range(1, 8), Generate.range(0, 100), losses, Reading::new);
        return readings.zip(histories, (reading, history) -> new Scenario(history, transientOnly(reading, history)));
    }

    /** Only the plan's faults that pass with retries, for records that exist. */
    private static Reading transientOnly(Reading reading, History<?> history) {
        FailurePlan kept = FailurePlan.none();
        for (Map.Entry<Integer, Integer> fault :
                reading.plan().failingDeliveries().entrySet()) {
            if (fault.getKey() < history.size() && fault.getValue() != FailurePlan.PERMANENT) {
                kept = kept.withTransient(fault.getKey(), fault.getValue());
            }
        }
        return new Reading(kept, reading.pageSize(), reading.splitPercent(), reading.leaseLostAtPage());
    }

    /** What a run of the stream did: the records, and the sequence numbers whose effect happened, in order. */
    record Run(List<ChangeRecord> records, List<String> effects) {}

    /**
     * Reads the parent shard, then (once its end is checkpointed, as KCL requires) the child, each
     * with processors made by {@code processors}, handing the lease to a new owner where the scenario
     * says: the old owner still runs the page it was given, and the new one starts at the checkpoint.
     */
    private static Run run(
            Scenario scenario,
            IdempotencyStore store,
            Function<StreamProcessor, DynamoDBStreamsShardRecordProcessor> processors,
            LeaseTable leases) {
        return run(scenario.history().toStream().records(), scenario.reading(), store, processors, leases);
    }

    private static Run run(
            List<ChangeRecord> records,
            Reading reading,
            IdempotencyStore store,
            Function<StreamProcessor, DynamoDBStreamsShardRecordProcessor> processors,
            LeaseTable leases) {
        List<Record> sdk = SdkRecords.of(records);
        int split = records.size() * reading.splitPercent() / 100;
        SimulatedShard parent = new SimulatedShard("shard-parent", List.of(), sdk.subList(0, split), leases);
        SimulatedShard child =
                new SimulatedShard("shard-child", List.of("shard-parent"), sdk.subList(split, sdk.size()), leases);
        List<String> effects = new ArrayList<>();
        FailurePlan.Injector faults = reading.plan().injector(records);
        StreamProcessor.Builder builder = StreamProcessor.builder().logBatchSummary(false);
        if (store != null) {
            builder.idempotency(store);
        }
        StreamProcessor processor = builder.handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        faults.onDelivery(record);
                        effects.add(record.sequenceNumber());
                    }
                })
                .build();
        int[] page = {0};
        int[] owners = {0};
        for (SimulatedShard shard : List.of(parent, child)) {
            assertThat(shard.parents.stream().allMatch(p -> p.equals(parent.shardId) && parent.ended()))
                    .as("KCL starts %s only after its parent ended", shard.shardId)
                    .isTrue();
            SimulatedShard.Consumer owner = shard.take("owner-" + owners[0]++, processors.apply(processor));
            for (int steps = 0; !shard.ended(); steps++) {
                assertThat(steps).as("the shard ends in bounded steps").isLessThan(1_000);
                if (!owner.hasMore()) {
                    owner.end();
                    if (!shard.ended()) { // the owner gave up; KCL moves the lease on
                        owner = shard.take("owner-" + owners[0]++, processors.apply(processor));
                    }
                } else if (reading.leaseLostAtPage().contains(page[0]++)) {
                    String next = "owner-" + owners[0]++;
                    leases.assign(shard.shardId, next); // taken over; the old owner is mid-page
                    owner.deliver(reading.pageSize());
                    owner.leaseLost();
                    owner = shard.take(next, processors.apply(processor));
                } else {
                    owner.deliver(reading.pageSize());
                }
            }
        }
        return new Run(records, effects);
    }

    /** The KCL runner as a worker makes it: its lease view is the lease of the owner that started it. */
    private static DynamoDBStreamsShardRecordProcessor runner(StreamProcessor processor, LeaseTable leases) {
        String[] token = new String[1];
        ShardProcessor shardProcessor = new ShardProcessor(
                processor,
                STREAM_ARN,
                new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(8)),
                new RecordingPause(),
                shardId -> leases.holds(shardId, token[0]));
        return new TokenCapturing(shardProcessor, leases, token);
    }

    /** Learns, when KCL starts it, which owner it works for: its lease view asks about that owner's lease. */
    private record TokenCapturing(ShardProcessor delegate, LeaseTable leases, String[] token)
            implements DynamoDBStreamsShardRecordProcessor {
        @Override
        public void initialize(InitializationInput input) {
            delegate.initialize(input);
            token[0] = leases.ownerOf(input.shardId());
        }

        @Override
        public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
            delegate.processRecords(input);
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            delegate.leaseLost(input);
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            delegate.shardEnded(input);
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            delegate.shutdownRequested(input);
        }
    }

    @Test
    void withAnIdempotencyStoreEveryChangeTakesEffectExactlyOnceInOrderThroughLeaseLossesAndResharding() {
        Theories.qt(200).forAll(scenarios(true)).checkAssert(scenario -> {
            LeaseTable leases = new LeaseTable();
            Run run = run(scenario, IdempotencyStore.inMemory(), p -> runner(p, leases), leases);

            RunChecks.eachItemInOrderWithoutGaps(run);
            RunChecks.lostNothing(run);
            RunChecks.exactlyOnce(run);
        });
    }

    @Test
    void withoutLeaseLossesEveryChangeTakesEffectExactlyOnceEvenWithoutAStore() {
        Theories.qt(200).forAll(scenarios(false)).checkAssert(scenario -> {
            LeaseTable leases = new LeaseTable();
            Run run = run(scenario, null, p -> runner(p, leases), leases);

            RunChecks.eachItemInOrderWithoutGaps(run);
            RunChecks.lostNothing(run);
            RunChecks.exactlyOnce(run); // a record that succeeded is never run again
        });
    }

    @Test
    void withoutAStoreALostLeaseRepeatsEffectsButNeverLosesOrReordersThem() {
        Theories.qt(200).forAll(scenarios(true)).checkAssert(scenario -> {
            LeaseTable leases = new LeaseTable();
            Run run = run(scenario, null, p -> runner(p, leases), leases);

            RunChecks.eachItemInOrderWithoutGaps(run);
            RunChecks.lostNothing(run);
        });
    }

    // --- The checks can fail: the usual hand-written KCL processor is caught losing records. ---

    /** Runs each page through the processor and checkpoints its last record, whatever failed. */
    private static final class CheckpointsEverything implements DynamoDBStreamsShardRecordProcessor {
        private final StreamProcessor processor;

        CheckpointsEverything(StreamProcessor processor) {
            this.processor = processor;
        }

        @Override
        public void initialize(InitializationInput input) {}

        @Override
        public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
            List<Record> page = input.records().stream().map(r -> r.getRecord()).toList();
            processor.processRecords(StreamsApiRecords.toChangeRecords(page, STREAM_ARN));
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {}
    }

    @Test
    void theChecksCatchAProcessorThatCheckpointsPastAFailedRecord() {
        TestTable items = StreamEvents.table("Items").partitionKey("pk").build();
        Map<String, AttributeValue> v1 = Map.of("pk", AttributeValue.s("a"), "v", AttributeValue.n("1"));
        Map<String, AttributeValue> v2 = Map.of("pk", AttributeValue.s("a"), "v", AttributeValue.n("2"));
        List<ChangeRecord> records = items.stream().insert(v1).modify(v1, v2).records();
        Reading reading = new Reading(FailurePlan.none().withTransient(0, 1), 2, 100, Set.of());
        LeaseTable leases = new LeaseTable();

        Run run = run(records, reading, null, CheckpointsEverything::new, leases);

        // Stop-at-first-failure left record 1 unattempted, and the checkpoint went past both.
        assertThatThrownBy(() -> RunChecks.lostNothing(run))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "records never took effect: [" + records.get(0).sequenceNumber() + ", "
                                + records.get(1).sequenceNumber() + "]");
    }

    /** Order, loss and exactly-once checks over a {@link Run}. */
    static final class RunChecks {
        private RunChecks() {}

        static void lostNothing(Run run) {
            Set<String> done = new HashSet<>(run.effects());
            List<String> lost = run.records().stream()
                    .map(ChangeRecord::sequenceNumber)
                    .filter(s -> !done.contains(s))
                    .toList();
            if (!lost.isEmpty()) {
                throw new AssertionError("records never took effect: " + lost + " of " + describe(run));
            }
        }

        static void exactlyOnce(Run run) {
            Map<String, Integer> counts = new HashMap<>();
            run.effects().forEach(s -> counts.merge(s, 1, Integer::sum));
            List<String> wrong = run.records().stream()
                    .map(ChangeRecord::sequenceNumber)
                    .filter(s -> counts.getOrDefault(s, 0) != 1)
                    .map(s -> s + " took effect " + counts.getOrDefault(s, 0) + " time(s)")
                    .toList();
            if (!wrong.isEmpty()) {
                throw new AssertionError("expected every change once but " + wrong + " in " + describe(run));
            }
        }

        /** The first effect of each change came after the first effect of every earlier change of its item. */
        static void eachItemInOrderWithoutGaps(Run run) {
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < run.records().size(); i++) {
                position.put(run.records().get(i).sequenceNumber(), i);
            }
            Set<String> seen = new HashSet<>();
            for (String effect : run.effects()) {
                if (!seen.add(effect)) {
                    continue;
                }
                ChangeRecord record = run.records().get(position.get(effect));
                for (int i = 0; i < position.get(effect); i++) {
                    ChangeRecord earlier = run.records().get(i);
                    if (earlier.keys().equals(record.keys()) && !seen.contains(earlier.sequenceNumber())) {
                        throw new AssertionError("change " + effect + " of item " + record.keys()
                                + " took effect before the earlier " + earlier.sequenceNumber() + " in "
                                + describe(run));
                    }
                }
            }
        }

        private static String describe(Run run) {
            return "effects " + run.effects();
        }
    }
}
