package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The core processor under Lambda's delivery semantics: for random histories and random failure
 * plans, run through the event source mapping simulator, each item's changes are handled in stream
 * order without gaps, and nothing is lost. The broken processors at the end show the checks bite.
 */
class StreamProcessorProperties {
    private final TestTable table =
            StreamEvents.table("Items").partitionKey("pk").sortKey("sk").build();

    /*
     * Draws after a history move whenever the history shrinks, and a value read from a moved draw
     * is a different value: settings or failures drawn after a history would change at random while
     * a failure is shrunk, and most shrinks would stop failing. So every property lists its
     * scenario last, and a scenario draws its failure plan, for the longest shard, before its
     * history.
     */
    private static final int MAX_RECORDS = 4 * 2 * 5;

    /** A shard and which deliveries of its records fail. */
    record Scenario(History<Map<String, AttributeValue>> history, FailurePlan plan) {}

    private Gen<Scenario> scenarios() {
        HistoryGenerator<Map<String, AttributeValue>> histories = StreamGenerators.histories(table)
                .partitionKeys(1, 4)
                .sortKeysPerPartition(1, 2)
                .changesPerItem(1, 5);
        return StreamGenerators.failurePlans(MAX_RECORDS)
                .zip(
                        histories,
                        (plan, history) ->
                                new Scenario(history, only(plan, (position, deliveries) -> position < history.size())));
    }

    /**
     * Scenarios whose failures all pass with retries. Drawn without the permanent faults rather than
     * filtered, because most plans for a long shard have one and a filter would give up.
     */
    private Gen<Scenario> transientScenarios() {
        return scenarios()
                .map(s -> new Scenario(
                        s.history(), only(s.plan(), (position, deliveries) -> deliveries != FailurePlan.PERMANENT)));
    }

    /** The plan's faults that pass the test; the others never happen. */
    private static FailurePlan only(FailurePlan plan, BiPredicate<Integer, Integer> keep) {
        FailurePlan kept = FailurePlan.none();
        for (Map.Entry<Integer, Integer> fault : plan.failingDeliveries().entrySet()) {
            if (keep.test(fault.getKey(), fault.getValue())) {
                kept = kept.withTransient(fault.getKey(), fault.getValue());
            }
        }
        return kept;
    }

    private static Gen<Integer> batchSizes() {
        return Generate.range(1, 8);
    }

    private static Gen<Integer> retryAttempts() {
        return Generate.range(0, 3);
    }

    /** How a run goes wrong beyond the plan: invocations that crash after their work, and parallel mode. */
    record Trouble(int crashes, boolean parallel) {}

    private static Gen<Trouble> trouble() {
        return Generate.range(0, 3).zip(Generate.booleans(), Trouble::new);
    }

    /** The handler under test: fails where the plan says, otherwise records that it handled the change. */
    private static StreamProcessor processor(FailurePlan.Injector faults, List<ChangeRecord> handled) {
        return processor(StreamProcessor.builder(), faults, handled);
    }

    /** The same handler, on a builder that already carries other settings. */
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
                .build();
    }

    @Test
    void eachItemIsHandledInOrderAndNothingIsLost() {
        Theories.qt(300)
                .forAll(batchSizes(), retryAttempts(), Generate.booleans(), scenarios())
                .checkAssert((batchSize, maximumRetryAttempts, bisect, scenario) -> {
                    List<ChangeRecord> shard = scenario.history().toStream().records();
                    List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
                    StreamProcessor processor = processor(scenario.plan().injector(shard), handled);

                    Simulation simulation = EventSourceMappingSimulator.builder()
                            .reportBatchItemFailures(true)
                            .batchSize(batchSize)
                            .maximumRetryAttempts(maximumRetryAttempts)
                            .bisectBatchOnFunctionError(bisect)
                            .build()
                            .run(shard, processor::process);

                    StreamAssertions.assertThat(simulation)
                            .handledEachKeyInOrder(handled)
                            .lostNothing(handled);
                });
    }

    /** The same with several batches of the shard in flight at once (ParallelizationFactor). */
    @Test
    void withConcurrentBatchesPerShardEachItemIsStillHandledInOrderAndNothingIsLost() {
        Theories.qt(200)
                .forAll(batchSizes(), Generate.range(2, 4), retryAttempts(), scenarios())
                .checkAssert((batchSize, parallelizationFactor, maximumRetryAttempts, scenario) -> {
                    List<ChangeRecord> shard = scenario.history().toStream().records();
                    List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
                    StreamProcessor processor = processor(scenario.plan().injector(shard), handled);

                    Simulation simulation = EventSourceMappingSimulator.builder()
                            .reportBatchItemFailures(true)
                            .batchSize(batchSize)
                            .parallelizationFactor(parallelizationFactor)
                            .maximumRetryAttempts(maximumRetryAttempts)
                            .build()
                            .run(shard, processor::process);

                    StreamAssertions.assertThat(simulation)
                            .handledEachKeyInOrder(handled)
                            .lostNothing(handled)
                            .hasNoIgnoredItemFailures();
                });
    }

    @Test
    void withUnlimitedRetriesTransientFailuresLoseNothingAndDiscardNothing() {
        Theories.qt(200).forAll(batchSizes(), transientScenarios()).checkAssert((batchSize, scenario) -> {
            List<ChangeRecord> shard = scenario.history().toStream().records();
            List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
            StreamProcessor processor = processor(scenario.plan().injector(shard), handled);

            Simulation simulation = EventSourceMappingSimulator.builder()
                    .reportBatchItemFailures(true)
                    .batchSize(batchSize)
                    .build()
                    .run(shard, processor::process);

            StreamAssertions.assertThat(simulation)
                    .hasNothingAtFailureDestination()
                    .handledEachKeyInOrder(handled)
                    .lostNothing(handled);
            // Stop-at-first-failure with a checkpoint never redelivers a record that succeeded.
            StreamAssertions.assertThat(simulation).handledEachEventExactlyOnce(handled);
        });
    }

    /**
     * Exactly once: with an idempotency store, no change takes effect twice, although Lambda
     * redelivers records after a checkpoint, after invocations that crash once their work is done
     * (a timeout), and in parallel mode after a lower record of another key failed.
     */
    @Test
    void withAnIdempotencyStoreEveryChangeTakesEffectExactlyOnce() {
        Theories.qt(300)
                .forAll(batchSizes(), retryAttempts(), trouble(), scenarios())
                .checkAssert((batchSize, maximumRetryAttempts, trouble, scenario) -> {
                    List<ChangeRecord> shard = scenario.history().toStream().records();
                    List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
                    FailurePlan.Injector faults = scenario.plan().injector(shard);
                    StreamProcessor processor = processor(
                            StreamProcessor.builder()
                                    .idempotency(IdempotencyStore.inMemory())
                                    .parallelism(trouble.parallel() ? 3 : 1)
                                    .logBatchSummary(false),
                            faults,
                            handled);
                    AtomicInteger crashesLeft = new AtomicInteger(trouble.crashes());
                    Function<DynamodbEvent, StreamsEventResponse> function = event -> {
                        StreamsEventResponse response = processor.process(event);
                        if (crashesLeft.getAndDecrement() > 0) {
                            throw new IllegalStateException("timed out after the work was done");
                        }
                        return response;
                    };

                    Simulation simulation = EventSourceMappingSimulator.builder()
                            .reportBatchItemFailures(true)
                            .batchSize(batchSize)
                            .maximumRetryAttempts(maximumRetryAttempts)
                            .build()
                            .run(shard, function);

                    StreamAssertions.assertThat(simulation)
                            .handledEachKeyInOrder(handled)
                            .lostNothing(handled)
                            .handledEachEventExactlyOnce(handled);
                });
    }

    // --- The checks can fail: processors that break Lambda's contract are caught. ---

    private final TestTable items =
            StreamEvents.table("Items").partitionKey("pk").build();

    private TestStream insertThenModify() {
        Map<String, AttributeValue> v1 = Map.of("pk", AttributeValue.s("a"), "v", AttributeValue.n("1"));
        Map<String, AttributeValue> v2 = Map.of("pk", AttributeValue.s("a"), "v", AttributeValue.n("2"));
        return items.stream().insert(v1).modify(v1, v2);
    }

    /** Keeps processing after a failure (as a batch processor without stop-at-first-failure does). */
    private static Function<DynamodbEvent, StreamsEventResponse> continuesAfterFailure(StreamProcessor single) {
        return event -> {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                DynamodbEvent one = new DynamodbEvent();
                one.setRecords(List.of(record));
                failures.addAll(single.process(one).getBatchItemFailures());
            }
            return new StreamsEventResponse(failures);
        };
    }

    @Test
    void aProcessorThatContinuesAfterAFailureBreaksPerItemOrder() {
        List<ChangeRecord> shard = insertThenModify().records();
        List<ChangeRecord> handled = new ArrayList<>();
        FailurePlan.Injector faults = FailurePlan.none().withTransient(0, 1).injector(shard);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(shard, continuesAfterFailure(processor(faults, handled)));

        assertThat(handled)
                .extracting(ChangeRecord::eventName)
                .map(Enum::name)
                .containsExactly("MODIFY", "INSERT", "MODIFY");
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).handledEachKeyInOrder(handled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be handled without gaps");
    }

    /** The ordering property finds that processor by itself, and shrinks what it found to a case like the one above. */
    @Test
    void theOrderingPropertyCatchesAProcessorThatContinuesAfterAFailureWithASmallScenario() {
        assertThatThrownBy(() -> Theories.qt(200)
                        .forAll(batchSizes(), transientScenarios())
                        .checkAssert((batchSize, scenario) -> {
                            List<ChangeRecord> shard =
                                    scenario.history().toStream().records();
                            List<ChangeRecord> handled = new ArrayList<>();
                            StreamProcessor processor =
                                    processor(scenario.plan().injector(shard), handled);

                            Simulation simulation = EventSourceMappingSimulator.builder()
                                    .reportBatchItemFailures(true)
                                    .batchSize(batchSize)
                                    .build()
                                    .run(shard, continuesAfterFailure(processor));

                            StreamAssertions.assertThat(simulation).handledEachKeyInOrder(handled);
                        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be handled without gaps")
                .hasMessageMatching("(?s).*Smallest found falsifying value\\(s\\) :-\\R"
                        + "\\{2, Scenario\\[history=History\\[INSERT\\(pk-0/sk-0\\), [A-Z_]+\\(pk-0/sk-0\\)], "
                        + "plan=FailurePlan\\{0=1}]}.*");
    }

    @Test
    void aProcessorThatSwallowsFailuresLosesRecords() {
        List<ChangeRecord> shard = insertThenModify().records();
        List<ChangeRecord> handled = new ArrayList<>();
        FailurePlan.Injector faults = FailurePlan.none().withPermanent(0).injector(shard);
        StreamProcessor processor = processor(faults, handled);

        Simulation simulation = EventSourceMappingSimulator.builder().build().run(shard, event -> {
            processor.process(event);
            return new StreamsEventResponse(List.of()); // reports success whatever happened
        });

        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).lostNothing(handled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("INSERT " + shard.get(0).sequenceNumber());
    }

    @Test
    void aProcessorDeployedWithoutReportBatchItemFailuresIsCaughtLosingRecords() {
        List<ChangeRecord> shard = insertThenModify().records();
        List<ChangeRecord> handled = new ArrayList<>();
        FailurePlan.Injector faults = FailurePlan.none().withTransient(0, 1).injector(shard);
        StreamProcessor processor = processor(faults, handled);

        // Lambda's default: the processor's partial batch response is ignored.
        Simulation simulation = EventSourceMappingSimulator.builder().build().run(shard, processor::process);

        assertThat(handled).isEmpty();
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).hasNoIgnoredItemFailures())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "Lambda would ignore these failures because ReportBatchItemFailures is not enabled")
                .hasMessageContaining("records lost [" + shard.get(0).sequenceNumber() + ", "
                        + shard.get(1).sequenceNumber() + "]");
    }

    @Test
    void aProcessorThatThrowsForTheWholeBatchRedeliversSuccessfulRecords() {
        List<ChangeRecord> shard = insertThenModify().records();
        List<ChangeRecord> handled = new ArrayList<>();
        FailurePlan.Injector faults = FailurePlan.none().withTransient(1, 1).injector(shard);
        StreamProcessor processor = processor(faults, handled);

        Simulation simulation = EventSourceMappingSimulator.builder().build().run(shard, event -> {
            StreamsEventResponse response = processor.process(event);
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("batch failed"); // no partial batch response
            }
            return response;
        });

        StreamAssertions.assertThat(simulation).handledEachKeyInOrder(handled).lostNothing(handled);
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).handledEachEventExactlyOnce(handled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("handled 2 time(s)");
    }
}
