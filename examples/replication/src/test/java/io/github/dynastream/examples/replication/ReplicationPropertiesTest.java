package io.github.dynastream.examples.replication;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.FailurePlan;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamGenerators;
import io.github.dynastream.testkit.Theories;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * For generated histories of products (inserts, modifications, deletes, TTL expiry, re-creation) with
 * random images, failures after the write (the answer lost, so Lambda retries a change the replica
 * already has) and a replay of the shard's tail in reverse order afterwards: the replica never moves
 * an item backwards, and ends with each item's last state.
 */
class ReplicationPropertiesTest {
    private static final int LONGEST_SHARD = 4 * 6; // up to 4 products x 6 changes

    @Test
    void theReplicaNeverMovesBackwardsAndEndsWithEachItemsLastState() {
        Theories.qt(150)
                .forAll(
                        Generate.range(1, 8), // batch sizes
                        Generate.range(0, LONGEST_SHARD), // where the late replay starts
                        StreamGenerators.failurePlans(LONGEST_SHARD),
                        StreamGenerators.histories(Products.TABLE))
                .checkAssert((batchSize, replayFrom, plan, history) -> {
                    List<ChangeRecord> shard = versioned(history.toStream().records());
                    FailurePlan.Injector faults = plan.injector(shard);
                    InMemoryReplicaStore replica = new InMemoryReplicaStore();
                    StreamProcessor flaky = StreamProcessor.builder()
                            .handler(new ReplicationEvents(replica))
                            .handler(
                                    new Object() { // runs after the copy: the write is done, the answer lost
                                        @OnInsert
                                        @OnModify
                                        @OnRemove
                                        void answerLost(ChangeRecord record) {
                                            faults.onDelivery(record);
                                        }
                                    })
                            .logBatchSummary(false)
                            .build();

                    Simulation lambda = EventSourceMappingSimulator.builder()
                            .reportBatchItemFailures(true)
                            .bisectBatchOnFunctionError(true)
                            .batchSize(batchSize)
                            .maximumRetryAttempts(5)
                            .build()
                            .run(shard, flaky::process);

                    // Later, the tail of the shard arrives once more, newest first (a replay, a second consumer).
                    StreamProcessor processor = Replication.processor(replica);
                    List<ChangeRecord> tail =
                            new ArrayList<>(shard.subList(Math.min(replayFrom, shard.size()), shard.size()));
                    java.util.Collections.reverse(tail);
                    for (ChangeRecord late : tail) {
                        assertThat(EventSourceMappingSimulator.builder()
                                        .reportBatchItemFailures(true)
                                        .build()
                                        .run(List.of(late), processor::process))
                                .hasNothingAtFailureDestination();
                    }

                    ReplicationTest.assertNeverMovedBackwards(replica);
                    if (lambda.discardedRecords().isEmpty()) {
                        assertThat(replica.entries()).isEqualTo(lastStates(shard));
                    }
                });
    }

    /** The history's records with a {@code version} as a writer sets it: higher on every write of a key. */
    private static List<ChangeRecord> versioned(List<ChangeRecord> records) {
        Map<Map<String, AttributeValue>, BigDecimal> current = new HashMap<>();
        List<ChangeRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ChangeRecord record = records.get(i);
            BigDecimal before = current.get(record.keys());
            BigDecimal after = BigDecimal.valueOf(i + 1L);
            ChangeRecord.Builder builder = record.toBuilder();
            record.oldImage().ifPresent(image -> builder.oldImage(withVersion(image, before)));
            record.newImage().ifPresent(image -> builder.newImage(withVersion(image, after)));
            if (record.eventName() != EventName.REMOVE) {
                current.put(record.keys(), after);
            }
            out.add(builder.build());
        }
        return out;
    }

    private static Map<String, AttributeValue> withVersion(Map<String, AttributeValue> image, BigDecimal version) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(image);
        copy.put(ReplicaStore.VERSION, AttributeValue.n(version));
        return copy;
    }

    /** What the replica should hold: each key's last image, or a tombstone of the version deleted last. */
    private static Map<Map<String, AttributeValue>, InMemoryReplicaStore.Entry> lastStates(List<ChangeRecord> shard) {
        Map<Map<String, AttributeValue>, InMemoryReplicaStore.Entry> states = new HashMap<>();
        for (ChangeRecord record : shard) {
            Map<String, AttributeValue> image = record.eventName() == EventName.REMOVE
                    ? record.oldImage().orElseThrow()
                    : record.newImage().orElseThrow();
            BigDecimal version = ((AttributeValue.N) image.get(ReplicaStore.VERSION)).value();
            states.put(
                    Map.copyOf(record.keys()),
                    new InMemoryReplicaStore.Entry(record.eventName() == EventName.REMOVE ? null : image, version));
        }
        return states;
    }
}
