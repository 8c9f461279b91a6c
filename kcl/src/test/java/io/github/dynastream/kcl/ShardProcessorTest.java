package io.github.dynastream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.DeadLetter;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.FailurePlan;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The record processor on a simulated shard, driven as KCL drives it (its input objects, its
 * checkpointer over an in-memory lease table): order, checkpoints, stop-and-retry at the first
 * failure, dead letters, giving up on a lost lease or a stopping worker, and the shard's end.
 */
class ShardProcessorTest {
    private static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-12-01T00:00:00.000";
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(400));

    private final TestTable table =
            StreamEvents.table("Orders").partitionKey("pk").build();
    private final List<ChangeRecord> shard = table.stream()
            .insert(item("a", 1))
            .insert(item("b", 1))
            .modify(item("a", 1), item("a", 2))
            .modify(item("b", 1), item("b", 2))
            .remove(item("a", 2))
            .records();
    private final List<Record> sdkRecords = SdkRecords.of(shard);
    private final LeaseTable leases = new LeaseTable();
    private final SimulatedShard simulated = new SimulatedShard("shardId-1", List.of(), sdkRecords, leases);
    /** The sequence numbers of the records whose effect happened, in the order it happened. */
    private final List<String> handled = new ArrayList<>();

    private final RecordingPause pause = new RecordingPause();

    private static Map<String, AttributeValue> item(String pk, int version) {
        return Map.of("pk", AttributeValue.s(pk), "v", AttributeValue.n(Integer.toString(version)));
    }

    private List<String> all() {
        return shard.stream().map(ChangeRecord::sequenceNumber).toList();
    }

    private String seq(int index) {
        return shard.get(index).sequenceNumber();
    }

    /** The handler: fails where the plan says, otherwise records that its effect happened. */
    private StreamProcessor processor(FailurePlan plan, Consumer<StreamProcessor.Builder> settings) {
        FailurePlan.Injector faults = plan.injector(shard);
        StreamProcessor.Builder builder = StreamProcessor.builder().logBatchSummary(false);
        settings.accept(builder);
        return builder.handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        faults.onDelivery(record);
                        handled.add(record.sequenceNumber());
                    }
                })
                .build();
    }

    private ShardProcessor shardProcessor(StreamProcessor processor, String token) {
        return new ShardProcessor(processor, STREAM_ARN, BACKOFF, pause, id -> leases.holds(id, token));
    }

    private SimulatedShard.Consumer take(String token, StreamProcessor processor) {
        return simulated.take(token, shardProcessor(processor, token));
    }

    @Test
    void runsRecordsInShardOrderAndCheckpointsTheLastOfEachPage() {
        SimulatedShard.Consumer worker = take("w1", processor(FailurePlan.none(), b -> {}));

        worker.deliverAll(2);

        assertThat(handled).containsExactlyElementsOf(all());
        assertThat(leases.written())
                .containsExactly("shardId-1=" + seq(1), "shardId-1=" + seq(3), "shardId-1=" + seq(4));
        assertThat(pause.delays()).isEmpty();
    }

    @Test
    void stopsAtTheFirstFailedRecordCheckpointsBeforeItAndRunsItAndTheRestAgainAfterABackoff() {
        SimulatedShard.Consumer worker = take("w1", processor(FailurePlan.none().withTransient(2, 2), b -> {}));

        worker.deliver(5);

        // Records 3 and 4 never ran before record 2 succeeded: per-item order holds as in Lambda.
        assertThat(handled).containsExactlyElementsOf(all());
        assertThat(leases.written()).containsExactly("shardId-1=" + seq(1), "shardId-1=" + seq(4));
        assertThat(pause.delays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void theBackoffDoublesUpToTheLongestPauseAndStartsAgainAfterProgress() {
        SimulatedShard.Consumer worker =
                take("w1", processor(FailurePlan.none().withTransient(0, 5).withTransient(1, 1), b -> {}));

        worker.deliver(5);

        assertThat(handled).containsExactlyElementsOf(all());
        assertThat(pause.delays())
                .containsExactly(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(400),
                        Duration.ofMillis(400),
                        Duration.ofMillis(100));
    }

    @Test
    void theDeadLetterPolicyLetsTheShardMovePastARecordThatAlwaysFails() {
        List<DeadLetter> deadLetters = new ArrayList<>();
        SimulatedShard.Consumer worker = take(
                "w1",
                processor(
                        FailurePlan.none().withPermanent(1),
                        b -> b.idempotency(IdempotencyStore.inMemory()).deadLetter(3, deadLetters::add)));

        worker.deliver(5);
        worker.end();

        assertThat(deadLetters)
                .singleElement()
                .satisfies(d -> assertThat(d.record().sequenceNumber()).isEqualTo(seq(1)));
        assertThat(handled).containsExactly(seq(0), seq(2), seq(3), seq(4));
        // Two failed runs, then the third delivery dead-letters it.
        assertThat(pause.delays()).hasSize(2);
        assertThat(simulated.ended()).isTrue();
    }

    @Test
    void theShardsEndIsCheckpointedOnceEveryRecordIsDoneSoKclMayStartTheChildren() {
        SimulatedShard.Consumer worker = take("w1", processor(FailurePlan.none().withTransient(4, 1), b -> {}));

        worker.deliverAll(3);
        assertThat(simulated.ended()).isFalse();
        worker.end();

        assertThat(simulated.ended()).isTrue();
        assertThat(handled).containsExactlyElementsOf(all());
    }

    @Test
    void aWorkerThatStopsDuringTheBackoffGivesUpThePageRunsNothingLaterAndDoesNotEndTheShard() {
        pause.stopAt(1);
        SimulatedShard.Consumer worker = take("w1", processor(FailurePlan.none().withTransient(2, 1), b -> {}));

        worker.deliver(3);
        worker.deliver(2); // KCL reads on and offers the next page before the shutdown reaches the shard
        worker.shutdownRequested();
        worker.end();

        assertThat(handled).containsExactly(seq(0), seq(1));
        assertThat(leases.checkpoint("shardId-1").sequenceNumber()).isEqualTo(seq(1));
        assertThat(simulated.ended()).isFalse();

        // The next owner resumes at the failed record; nothing was lost.
        take("w2", processor(FailurePlan.none(), b -> {})).deliverAll(5);
        assertThat(handled).containsExactlyElementsOf(all());
    }

    @Test
    void aLeaseHandedOverWhileARecordFailsStopsTheRetries() {
        SimulatedShard.Consumer first = take("w1", processor(FailurePlan.none().withPermanent(0), b -> {}));
        leases.assign("shardId-1", "w2"); // the lease moved while the first run failed

        first.deliver(5);

        assertThat(handled).isEmpty();
        assertThat(pause.delays()).isEmpty();
        assertThat(leases.written()).isEmpty();
    }

    @Test
    void aLeaseLostMidPageNeverLosesOrRepeatsAnEffectWithAnIdempotencyStore() {
        IdempotencyStore store = IdempotencyStore.inMemory();
        StreamProcessor losing = StreamProcessor.builder()
                .logBatchSummary(false)
                .idempotency(store)
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        handled.add(record.sequenceNumber());
                        if (record.sequenceNumber().equals(seq(2))) {
                            leases.assign("shardId-1", "w2"); // taken over mid-page
                        }
                    }
                })
                .build();
        List<String> newOwnersEffects = new ArrayList<>();
        StreamProcessor newOwner = StreamProcessor.builder()
                .logBatchSummary(false)
                .idempotency(store)
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        newOwnersEffects.add(record.sequenceNumber());
                        handled.add(record.sequenceNumber());
                    }
                })
                .build();
        SimulatedShard.Consumer first = take("w1", losing);
        first.deliver(1);
        first.deliver(4); // runs records 1..4; its checkpoint is refused: the lease is w2's now
        first.leaseLost();
        assertThat(leases.checkpoint("shardId-1").sequenceNumber()).isEqualTo(seq(0));

        take("w2", newOwner).deliverAll(5);

        assertThat(handled).containsExactlyElementsOf(all()); // every effect once, in order
        assertThat(newOwnersEffects).isEmpty(); // the new owner skipped what the old one did
        assertThat(leases.checkpoint("shardId-1").sequenceNumber()).isEqualTo(seq(4));
    }

    @Test
    void withoutAnIdempotencyStoreALeaseLostMidPageRepeatsTheEffectsAfterTheCheckpoint() {
        SimulatedShard.Consumer first = take("w1", processor(FailurePlan.none(), b -> {}));
        first.deliver(1);
        leases.assign("shardId-1", "w2");
        first.deliver(4); // runs, but may not checkpoint

        take("w2", processor(FailurePlan.none(), b -> {})).deliverAll(5);

        assertThat(handled).hasSize(9); // at least once: records 1..4 ran on both workers
        assertThat(handled.subList(5, 9)).containsExactly(seq(1), seq(2), seq(3), seq(4));
    }

    @Test
    void aRecordThatCannotBeReadHoldsTheShardAfterTheRecordsBeforeIt() {
        List<Record> broken = new ArrayList<>(sdkRecords);
        broken.set(2, sdkRecords.get(2).toBuilder().eventName((String) null).build());
        SimulatedShard brokenShard = new SimulatedShard("shardId-2", List.of(), broken, leases);
        pause.stopAt(3);
        SimulatedShard.Consumer worker =
                brokenShard.take("w1", shardProcessor(processor(FailurePlan.none(), b -> {}), "w1"));

        worker.deliver(5);
        worker.end();

        assertThat(handled).containsExactly(seq(0), seq(1));
        assertThat(leases.checkpoint("shardId-2").sequenceNumber()).isEqualTo(seq(1));
        assertThat(pause.delays()).hasSize(3);
        assertThat(brokenShard.ended()).isFalse();
    }

    @Test
    void aThrottledCheckpointIsWrittenByTheNextOneOrAtShutdown() {
        SimulatedShard.Consumer worker = take("w1", processor(FailurePlan.none(), b -> {}));
        leases.throttleNext(1);

        worker.deliver(3);
        assertThat(leases.written()).isEmpty();
        worker.shutdownRequested();

        assertThat(leases.written()).containsExactly("shardId-1=" + seq(2));
        worker.deliver(2); // after the shutdown request nothing more runs
        assertThat(handled).containsExactly(seq(0), seq(1), seq(2));
    }

    @Test
    void aProcessorThatThrowsIsRunAgainLikeACrashedInvocation() {
        List<String> attempts = new ArrayList<>();
        StreamProcessor throwsOnce = StreamProcessor.builder()
                .logBatchSummary(false)
                .handler(new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {
                        attempts.add(record.sequenceNumber());
                        if (attempts.size() == 1) {
                            throw new StackOverflowError("deep");
                        }
                    }
                })
                .build();
        SimulatedShard.Consumer worker = take("w1", throwsOnce);

        worker.deliver(1);

        assertThat(attempts).containsExactly(seq(0), seq(0));
        assertThat(pause.delays()).hasSize(1);
        assertThat(leases.written()).containsExactly("shardId-1=" + seq(0));
    }
}
