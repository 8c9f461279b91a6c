package io.github.dynastream.examples.replication;

import static io.github.dynastream.examples.replication.Products.TABLE;
import static io.github.dynastream.examples.replication.Products.key;
import static io.github.dynastream.examples.replication.Products.product;
import static io.github.dynastream.examples.replication.Products.small;
import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Invocation;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamHandlerFunction;
import io.github.dynastream.testkit.TestStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReplicationTest {
    private final InMemoryReplicaStore replica = new InMemoryReplicaStore();
    private final StreamProcessor processor = Replication.processor(replica);

    @Test
    void copiesEachChangeWholeWithAttributesNoClassDeclares() {
        TestStream stream = TABLE.stream()
                .insert(product("p-1", 1, "9.99"))
                .modify(product("p-1", 1, "9.99"), product("p-1", 2, "12.50"))
                .insert(small("p-2", 1, "3"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(replica.items()).containsOnlyKeys(key("p-1"), key("p-2"));
        Map<String, AttributeValue> copied = replica.item(key("p-1")).orElseThrow();
        assertThat(copied).isEqualTo(product("p-1", 2, "12.50"));
        // Equality of N is numeric; the digits themselves survive too.
        assertThat(((AttributeValue.N) copied.get("stock")).value().toString()).isEqualTo(Products.BIG_NUMBER);
        assertThat(((AttributeValue.N) copied.get("price")).value().toString()).isEqualTo("12.50");
        assertThat(((AttributeValue.B) copied.get("thumbnail")).value())
                .containsExactly((byte) 0x89, 'P', 'N', 'G', 0, -1);
        assertThat(copied.get("sizes")).isInstanceOf(AttributeValue.NS.class);
        assertThat(copied.get("supplier")).isEqualTo(AttributeValue.Null.INSTANCE);
    }

    @Test
    void aDeleteLeavesATombstoneOfTheDeletedVersion() {
        TestStream stream = TABLE.stream()
                .insert(small("p-1", 1, "9.99"))
                .modify(small("p-1", 1, "9.99"), small("p-1", 2, "8.00"))
                .remove(small("p-1", 2, "8.00"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(replica.item(key("p-1"))).isEmpty();
        assertThat(replica.entry(key("p-1"))).hasValueSatisfying(entry -> {
            assertThat(entry.isTombstone()).isTrue();
            assertThat(entry.version()).isEqualByComparingTo("2");
        });
    }

    @Test
    void aRedeliveredBatchMeetsANewerReplicaAndChangesNothing() {
        TestStream stream = TABLE.stream()
                .insert(small("p-1", 1, "9.99"))
                .modify(small("p-1", 1, "9.99"), small("p-1", 2, "8.00"))
                .modify(small("p-1", 2, "8.00"), small("p-1", 3, "7.00"));
        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        // Lambda delivers the first two records again (say the invocation timed out after the work).
        DynamodbEvent firstTwo = stream.toDynamodbEvents(2).get(0);
        assertThat(processor.process(firstTwo)).hasNoFailures();

        assertThat(replica.item(key("p-1"))).hasValue(small("p-1", 3, "7.00"));
        assertThat(replica.writes().subList(3, 5))
                .extracting(InMemoryReplicaStore.Write::applied)
                .containsExactly(false, false);
        assertNeverMovedBackwards(replica);
    }

    @Test
    void aLateOlderChangeAfterADeleteDoesNotBringTheItemBack() {
        TestStream stream = TABLE.stream()
                .insert(small("p-1", 1, "9.99"))
                .modify(small("p-1", 1, "9.99"), small("p-1", 2, "8.00"))
                .remove(small("p-1", 2, "8.00"));
        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        // The MODIFY (version 2) and the INSERT (version 1) arrive again, out of order, after the delete.
        assertThat(processor.process(stream.toDynamodbEvents(1).get(1))).hasNoFailures();
        assertThat(processor.process(stream.toDynamodbEvents(1).get(0))).hasNoFailures();

        assertThat(replica.item(key("p-1"))).isEmpty();
        assertThat(replica.entry(key("p-1")).orElseThrow().version()).isEqualByComparingTo("2");
        assertNeverMovedBackwards(replica);
    }

    @Test
    void anItemCreatedAgainWithAHigherVersionReplacesTheTombstone() {
        TestStream stream = TABLE.stream()
                .insert(small("p-1", 1, "9.99"))
                .remove(small("p-1", 1, "9.99"))
                .insert(small("p-1", 2, "5.00"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(replica.item(key("p-1"))).hasValue(small("p-1", 2, "5.00"));
    }

    @Test
    void aWriteWhoseAnswerWasLostIsRetriedByLambdaAndCountsAsDone() {
        // The replica applies the second write, then the connection drops: the function never hears back.
        AtomicInteger calls = new AtomicInteger();
        ReplicaStore dropsTheSecondAnswer = new ReplicaStore() {
            @Override
            public boolean putIfNewer(
                    Map<String, AttributeValue> key, Map<String, AttributeValue> item, BigDecimal version) {
                boolean written = replica.putIfNewer(key, item, version);
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("connection reset");
                }
                return written;
            }

            @Override
            public boolean deleteIfNotNewer(Map<String, AttributeValue> key, BigDecimal version) {
                return replica.deleteIfNotNewer(key, version);
            }
        };
        TestStream stream = TABLE.stream()
                .insert(small("p-1", 1, "9.99"))
                .modify(small("p-1", 1, "9.99"), small("p-1", 2, "8.00"))
                .insert(small("p-2", 1, "1.00"))
                .remove(small("p-1", 2, "8.00"));

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(3)
                .build()
                .run(stream, StreamHandlerFunction.of(new ReplicationHandler(dropsTheSecondAnswer)));

        assertThat(lambda).hasInvocationCount(2).hasNothingAtFailureDestination();
        assertThat(lambda.invocations().get(0).checkpoint())
                .isEqualTo(stream.record(1).sequenceNumber());
        assertThat(replica.writes().get(2)).satisfies(retry -> {
            assertThat(retry.version()).isEqualByComparingTo("2");
            assertThat(retry.applied()).isFalse(); // already there: success, not a failure
        });
        assertThat(replica.item(key("p-1"))).isEmpty();
        assertThat(replica.item(key("p-2"))).hasValue(small("p-2", 1, "1.00"));
        assertNeverMovedBackwards(replica);
    }

    @Test
    void aWholeBatchRetriedAfterATimeoutMovesNothingBackwards() {
        TestStream stream = TABLE.stream();
        for (int version = 1; version <= 5; version++) {
            if (version == 1) {
                stream.insert(small("p-1", 1, "1")).insert(small("p-2", 1, "1"));
            } else {
                stream.modify(small("p-1", version - 1, "1"), small("p-1", version, "1"))
                        .modify(small("p-2", version - 1, "1"), small("p-2", version, "1"));
            }
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        // The second batch is processed, then the invocation times out: Lambda retries the whole batch.
        Function<DynamodbEvent, StreamsEventResponse> timesOutOnce = event -> {
            StreamsEventResponse response = processor.process(event);
            if (event.getRecords()
                            .get(0)
                            .getDynamodb()
                            .getSequenceNumber()
                            .equals(stream.record(4).sequenceNumber())
                    && timedOut.compareAndSet(false, true)) {
                throw new IllegalStateException("Task timed out after 60.00 seconds");
            }
            return response;
        };

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .batchSize(4)
                .maximumRetryAttempts(2)
                .build()
                .run(stream, timesOutOnce);

        assertThat(lambda).hasNothingAtFailureDestination();
        assertThat(lambda.invocations()).extracting(Invocation::outcome).contains(Invocation.Outcome.FUNCTION_ERROR);
        assertThat(replica.writes()).filteredOn(write -> !write.applied()).isNotEmpty();
        assertThat(replica.item(key("p-1"))).hasValue(small("p-1", 5, "1"));
        assertThat(replica.item(key("p-2"))).hasValue(small("p-2", 5, "1"));
        assertNeverMovedBackwards(replica);
    }

    @Test
    void anItemWithoutAVersionFailsItsRecordAndBlocksNothingElseOnceDiscarded() {
        Map<String, AttributeValue> unversioned = new HashMap<>(small("p-2", 1, "4.00"));
        unversioned.remove("version");
        TestStream stream = TABLE.stream()
                .insert(small("p-1", 1, "9.99"))
                .insert(unversioned)
                .insert(small("p-3", 1, "2.00"));

        assertThat(processor.process(stream.toInputStream())).failedAt(stream.record(1));
        assertThat(replica.item(key("p-3"))).isEmpty(); // nothing overtakes the failed record

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .batchSize(1)
                .maximumRetryAttempts(2)
                .build()
                .run(stream, Replication.processor(replica)::process);
        assertThat(lambda).discarded(stream.record(1));
        assertThat(replica.items()).containsOnlyKeys(key("p-1"), key("p-3"));
    }

    @Test
    void aMissingVersionIsNamedWithoutTheItemsValues() {
        ChangeRecord record = TABLE.stream()
                .insert(Map.of("id", AttributeValue.s("secret-id"), "version", AttributeValue.s("seven")))
                .record(0);
        ReplicationEvents events = new ReplicationEvents(replica);

        assertThatThrownBy(() -> events.copy(record.newImage().orElseThrow(), record))
                .isInstanceOf(MissingVersionException.class)
                .hasMessageContaining(record.eventId())
                .hasMessageContaining("NewImage.version is of type S, not N")
                .hasMessageNotContaining("secret-id")
                .hasMessageNotContaining("seven");
    }

    /** Per key, every applied write carries a newer version than the one before (a delete: not older). */
    static void assertNeverMovedBackwards(InMemoryReplicaStore replica) {
        Map<Map<String, AttributeValue>, BigDecimal> last = new HashMap<>();
        for (InMemoryReplicaStore.Write write : replica.writes()) {
            if (!write.applied()) {
                continue;
            }
            BigDecimal before = last.put(write.key(), write.version());
            if (before != null) {
                int order = write.version().compareTo(before);
                assertThat(write.kind() == InMemoryReplicaStore.Write.Kind.PUT ? order > 0 : order >= 0)
                        .as("%s of %s after version %s", write.kind(), write.key(), before)
                        .isTrue();
            }
        }
    }
}
