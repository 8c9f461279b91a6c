package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventSourceMappingSimulatorTest {
    private final TestTable table =
            StreamEvents.table("Orders").partitionKey("id").build();

    private TestStream stream(int records) {
        TestStream stream = table.stream();
        for (int i = 0; i < records; i++) {
            stream.insert(Map.of("id", AttributeValue.s("o-" + i)));
        }
        return stream;
    }

    private static StreamsEventResponse failures(String... identifiers) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : identifiers) {
            failures.add(new StreamsEventResponse.BatchItemFailure(id));
        }
        return new StreamsEventResponse(failures);
    }

    /** Answers each invocation with the next scripted behaviour; then succeeds. */
    private static final class Script implements Function<DynamodbEvent, StreamsEventResponse> {
        private final Deque<Function<DynamodbEvent, StreamsEventResponse>> steps = new ArrayDeque<>();

        @SafeVarargs
        Script(Function<DynamodbEvent, StreamsEventResponse>... steps) {
            for (Function<DynamodbEvent, StreamsEventResponse> step : steps) {
                this.steps.add(step);
            }
        }

        @Override
        public StreamsEventResponse apply(DynamodbEvent event) {
            return steps.isEmpty() ? new StreamsEventResponse() : steps.poll().apply(event);
        }
    }

    private static Function<DynamodbEvent, StreamsEventResponse> answer(StreamsEventResponse response) {
        return event -> response;
    }

    private static Function<DynamodbEvent, StreamsEventResponse> fail() {
        return event -> {
            throw new IllegalStateException("function error");
        };
    }

    @Test
    void successReadsTheShardInBatches() {
        TestStream stream = stream(5);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .batchSize(2)
                .build()
                .run(stream, event -> new StreamsEventResponse(List.of()));

        assertThat(simulation.invocations())
                .extracting(Invocation::batch)
                .containsExactly(
                        stream.batches(2).get(0),
                        stream.batches(2).get(1),
                        stream.batches(2).get(2));
        assertThat(simulation.invocations()).allMatch(i -> i.outcome() == Invocation.Outcome.SUCCEEDED);
        StreamAssertions.assertThat(simulation).hasNothingAtFailureDestination().hasInvocationCount(3);
    }

    @Test
    void checkpointsAtTheLowestOfSeveralReportedIdentifiersAndRetriesFromThere() {
        TestStream stream = stream(5);
        ChangeRecord second = stream.record(1);
        ChangeRecord fourth = stream.record(3);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(stream, new Script(answer(failures(fourth.sequenceNumber(), second.sequenceNumber()))));

        assertThat(simulation.invocations()).hasSize(2);
        Invocation first = simulation.invocations().get(0);
        assertThat(first.outcome()).isEqualTo(Invocation.Outcome.PARTIAL_FAILURE);
        assertThat(first.checkpoint()).isEqualTo(second.sequenceNumber());
        assertThat(simulation.invocations().get(1).batch())
                .isEqualTo(stream.records().subList(1, 5));
        assertThat(simulation.invocations().get(1).retryAttempt()).isEqualTo(1);
    }

    @Test
    void anEmptyOrNullItemIdentifierFailsTheWholeBatch() {
        // services-ddb-batchfailurereporting: "An empty string itemIdentifier", "A null
        // itemIdentifier" (and an entry that is null has none) are complete failures.
        TestStream stream = stream(3);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(
                        stream,
                        new Script(
                                answer(failures("")),
                                answer(failures((String) null)),
                                answer(new StreamsEventResponse(Collections.singletonList(null))),
                                answer(failures(stream.record(2).sequenceNumber(), ""))));

        assertThat(simulation.invocations())
                .extracting(Invocation::outcome)
                .containsExactly(
                        Invocation.Outcome.INVALID_RESPONSE,
                        Invocation.Outcome.INVALID_RESPONSE,
                        Invocation.Outcome.INVALID_RESPONSE,
                        Invocation.Outcome.INVALID_RESPONSE,
                        Invocation.Outcome.SUCCEEDED);
        assertThat(simulation.invocations())
                .allSatisfy(i -> assertThat(i.batch()).isEqualTo(stream.records()));
        assertThat(simulation.invocations())
                .extracting(Invocation::reason)
                .containsExactly(
                        "empty itemIdentifier",
                        "null itemIdentifier",
                        "null itemIdentifier",
                        "empty itemIdentifier",
                        null);
        assertThat(simulation.invocations().subList(1, 5))
                .extracting(Invocation::retryAttempt)
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void anItemIdentifierThatNamesNoRecordOfTheBatchFailsTheWholeBatch() {
        // Not documented — our choice: Lambda cannot checkpoint at a record it did not send.
        TestStream stream = stream(3);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .build()
                .run(
                        stream,
                        new Script(
                                answer(failures("123")),
                                answer(failures(stream.record(2).sequenceNumber(), "bogus"))));

        assertThat(simulation.invocations())
                .extracting(Invocation::outcome)
                .containsExactly(
                        Invocation.Outcome.INVALID_RESPONSE,
                        Invocation.Outcome.INVALID_RESPONSE,
                        Invocation.Outcome.SUCCEEDED);
        assertThat(simulation.invocations())
                .allSatisfy(i -> assertThat(i.batch()).isEqualTo(stream.records()));
        assertThat(simulation.invocations().get(0).reason()).isEqualTo("itemIdentifier [123] is not in the batch");
        assertThat(simulation.invocations().get(1).reason()).isEqualTo("itemIdentifier [bogus] is not in the batch");
    }

    @Test
    void everyCompleteSuccessResponseShapeSucceeds() {
        // services-ddb-batchfailurereporting: "An empty batchItemFailure list", "A null
        // batchItemFailure list", "An empty EventResponse", "A null EventResponse".
        TestStream stream = stream(2);
        StreamsEventResponse nullList = new StreamsEventResponse(List.of());
        nullList.setBatchItemFailures(null);
        Map<String, StreamsEventResponse> shapes = new java.util.LinkedHashMap<>();
        shapes.put("an empty batchItemFailures list", new StreamsEventResponse(List.of()));
        shapes.put("a null batchItemFailures list", nullList);
        shapes.put("an empty response", new StreamsEventResponse());
        shapes.put("a null response", null);

        shapes.forEach((shape, response) -> {
            Simulation run = EventSourceMappingSimulator.builder()
                    .reportBatchItemFailures(true)
                    .build()
                    .run(stream, answer(response));
            assertThat(run.invocations())
                    .as(shape)
                    .singleElement()
                    .satisfies(i -> assertThat(i.outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED));
            StreamAssertions.assertThat(run).hasNothingAtFailureDestination();
        });
    }

    @Test
    void aPartialFailureIsNotBisectedEvenWithBisectBatchOnFunctionError() {
        // services-ddb-batchfailurereporting: with both settings on, "the batch is bisected at the
        // returned sequence number and Lambda retries only the remaining records".
        TestStream stream = stream(4);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .build()
                .run(stream, new Script(answer(failures(stream.record(1).sequenceNumber()))));

        assertThat(simulation.invocations())
                .extracting(Invocation::batch)
                .containsExactly(stream.records(), stream.records().subList(1, 4));
        assertThat(simulation.invocations().get(1).retryAttempt()).isEqualTo(1);
    }

    @Test
    void bisectOnAFunctionErrorHappensRegardlessOfReportBatchItemFailures() {
        // services-ddb-batchfailurereporting: "If your invocation fails and
        // BisectBatchOnFunctionError is turned on, the batch is bisected regardless of your
        // ReportBatchItemFailures setting."
        TestStream stream = stream(4);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .build()
                .run(stream, new Script(fail()));

        assertThat(simulation.invocations())
                .extracting(Invocation::batch)
                .containsExactly(
                        stream.records(),
                        stream.records().subList(0, 2),
                        stream.records().subList(2, 4));
        assertThat(simulation.invocations())
                .extracting(Invocation::retryAttempt)
                .containsOnly(0);
    }

    @Test
    void theDefaultsAreLambdas() {
        // services-ddb-params: BatchSize 100, BisectBatchOnFunctionError false, FunctionResponseTypes
        // none, MaximumBatchingWindowInSeconds 0, MaximumRecordAgeInSeconds -1, MaximumRetryAttempts
        // -1, ParallelizationFactor 1.
        for (MappingSettings settings : List.of(
                EventSourceMappingSimulator.builder().settings("shard"),
                LocalStreamRunner.builder().settings("shard"))) {
            assertThat(settings.batchSize()).isEqualTo(100);
            assertThat(settings.bisectBatchOnFunctionError()).isFalse();
            assertThat(settings.reportBatchItemFailures()).isFalse();
            assertThat(settings.maximumBatchingWindow()).isEqualTo(Duration.ZERO);
            assertThat(settings.maximumRecordAge())
                    .as("-1: the stream's retention")
                    .isNull();
            assertThat(settings.maximumRetryAttempts()).isEqualTo(-1);
            assertThat(settings.parallelizationFactor()).isEqualTo(1);
        }
    }

    @Test
    void byDefaultAFailedRecordIsRetriedUntilItExpires() {
        // services-ddb-params: MaximumRetryAttempts "-1 means infinite: failed records are retried
        // until the record expires"; "The data retention limit for DynamoDB Streams is 24 hours".
        TestStream stream = stream(1);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .invocationDuration(Duration.ofHours(1))
                .build()
                .run(stream, event -> {
                    throw new IllegalStateException("down");
                });

        assertThat(simulation.invocations()).hasSize(25);
        assertThat(simulation.invocations().get(24).retryAttempt()).isEqualTo(24);
        StreamAssertions.assertThat(simulation).discarded(stream.record(0));
    }

    @Test
    void aRetryStartsAsSoonAsTheFailedInvocationEnded() {
        // Not documented — our choice: no backoff between retries.
        TestStream stream = stream(1);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .invocationDuration(Duration.ofSeconds(5))
                .build()
                .run(stream, new Script(fail(), fail()));

        Instant first = simulation.invocations().get(0).at();
        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(first, first.plusSeconds(5), first.plusSeconds(10));
    }

    @Test
    void aThrownExceptionRetriesTheWholeBatchUntilRetriesRunOut() {
        TestStream stream = stream(4);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .batchSize(2)
                .maximumRetryAttempts(2)
                .build()
                .run(stream, new Script(fail(), fail(), fail()));

        // Batch 1: first attempt + 2 retries, then discarded; batch 2 succeeds.
        assertThat(simulation.invocations()).hasSize(4);
        assertThat(simulation.invocations().subList(0, 3))
                .allSatisfy(
                        i -> assertThat(i.batch()).isEqualTo(stream.batches(2).get(0)))
                .extracting(Invocation::retryAttempt)
                .containsExactly(0, 1, 2);
        assertThat(simulation.failureDestination()).singleElement().satisfies(d -> {
            assertThat(d.condition()).isEqualTo("RetryAttemptsExhausted");
            assertThat(d.approximateInvokeCount()).isEqualTo(3);
            assertThat(d.startSequenceNumber()).isEqualTo(stream.record(0).sequenceNumber());
            assertThat(d.endSequenceNumber()).isEqualTo(stream.record(1).sequenceNumber());
            assertThat(d.batchSize()).isEqualTo(2);
            assertThat(d.streamArn()).isEqualTo(table.streamArn());
        });
        StreamAssertions.assertThat(simulation).discarded(stream.record(0), stream.record(1));
        assertThat(simulation.deliveries(stream.record(0))).isEqualTo(3);
        assertThat(simulation.deliveries(stream.record(2))).isEqualTo(1);
    }

    @Test
    void partialFailuresCountAsRetriesAndOnlyTheFailingSuffixIsDiscarded() {
        TestStream stream = stream(3);
        String second = stream.record(1).sequenceNumber();

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(2)
                .build()
                .run(stream, event -> failures(second));

        assertThat(simulation.invocations()).hasSize(3);
        assertThat(simulation.invocations().get(0).batch()).hasSize(3);
        assertThat(simulation.invocations().subList(1, 3))
                .allSatisfy(
                        i -> assertThat(i.batch()).isEqualTo(stream.records().subList(1, 3)));
        assertThat(simulation.failureDestination()).singleElement().satisfies(d -> {
            assertThat(d.approximateInvokeCount()).isEqualTo(3);
            assertThat(d.startSequenceNumber()).isEqualTo(second);
            assertThat(d.batchSize()).isEqualTo(2);
        });
    }

    @Test
    void bisectSplitsAFailedBatchInHalvesWithoutConsumingRetries() {
        TestStream stream = stream(4);
        String poison = stream.record(3).sequenceNumber();

        Simulation simulation = EventSourceMappingSimulator.builder()
                .maximumRetryAttempts(0)
                .bisectBatchOnFunctionError(true)
                .build()
                .run(stream, event -> {
                    boolean poisoned = event.getRecords().stream()
                            .anyMatch(r -> r.getDynamodb().getSequenceNumber().equals(poison));
                    if (poisoned) {
                        throw new IllegalStateException("poison");
                    }
                    return null;
                });

        assertThat(simulation.invocations()).extracting(i -> i.batch().size()).containsExactly(4, 2, 2, 1, 1);
        assertThat(simulation.invocations())
                .extracting(Invocation::outcome)
                .containsExactly(
                        Invocation.Outcome.FUNCTION_ERROR,
                        Invocation.Outcome.SUCCEEDED,
                        Invocation.Outcome.FUNCTION_ERROR,
                        Invocation.Outcome.SUCCEEDED,
                        Invocation.Outcome.FUNCTION_ERROR);
        StreamAssertions.assertThat(simulation).discarded(stream.record(3));
    }

    @Test
    void reportBatchItemFailuresOffByDefaultIgnoresPartialResponsesAndLosesTheRecords() {
        TestStream stream = stream(3);
        String second = stream.record(1).sequenceNumber();

        Simulation simulation = EventSourceMappingSimulator.builder().build().run(stream, event -> failures(second));

        assertThat(simulation.invocations())
                .singleElement()
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED));
        assertThat(simulation.ignoredItemFailures()).singleElement().satisfies(ignored -> {
            assertThat(ignored.invocation().number()).isEqualTo(1);
            assertThat(ignored.itemIdentifiers()).containsExactly(second);
            assertThat(ignored.lostRecords()).isEqualTo(stream.records().subList(1, 3));
        });
        StreamAssertions.assertThat(simulation).hasNothingAtFailureDestination();
        assertThatThrownBy(() -> StreamAssertions.assertThat(simulation).hasNoIgnoredItemFailures())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "Lambda would ignore these failures because ReportBatchItemFailures is not enabled: records lost ["
                                + second + ", " + stream.record(2).sequenceNumber() + "]");
    }

    @Test
    void anIgnoredResponseWithAnInvalidIdentifierLosesTheWholeBatch() {
        TestStream stream = stream(2);

        Simulation simulation = EventSourceMappingSimulator.builder().build().run(stream, event -> failures("", null));

        assertThat(simulation.ignoredItemFailures()).singleElement().satisfies(ignored -> {
            assertThat(ignored.itemIdentifiers()).containsExactly("", null);
            assertThat(ignored.lostRecords()).isEqualTo(stream.records());
        });
    }

    @Test
    void aSuccessfulResponseIsNotAnIgnoredFailure() {
        Simulation simulation = EventSourceMappingSimulator.builder()
                .build()
                .run(stream(2), event -> new StreamsEventResponse(List.of()));

        StreamAssertions.assertThat(simulation).hasNoIgnoredItemFailures();
    }

    @Test
    void theRetryCountGoesOnWhenAPartialFailureMovesTheCheckpoint() {
        TestStream stream = stream(3);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(1)
                .build()
                .run(
                        stream,
                        new Script(
                                answer(failures(stream.record(1).sequenceNumber())),
                                answer(failures(stream.record(2).sequenceNumber()))));

        // The checkpoint moved from record 1 to record 2, but that was the batch's one retry.
        assertThat(simulation.invocations())
                .extracting(Invocation::retryAttempt)
                .containsExactly(0, 1);
        StreamAssertions.assertThat(simulation).discarded(stream.record(2));
    }

    @Test
    void bisectAlsoSplitsABatchWhoseResponseIsInvalid() {
        TestStream stream = stream(2);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(0)
                .bisectBatchOnFunctionError(true)
                .build()
                .run(stream, new Script(answer(failures("")), answer(failures("")), answer(failures(""))));

        assertThat(simulation.invocations()).extracting(i -> i.batch().size()).containsExactly(2, 1, 1);
        StreamAssertions.assertThat(simulation).discarded(stream.record(0), stream.record(1));
    }

    @Test
    void withoutReportBatchItemFailuresTheResponseIsIgnored() {
        TestStream stream = stream(2);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(false)
                .build()
                .run(stream, event -> failures(stream.record(0).sequenceNumber()));

        assertThat(simulation.invocations())
                .singleElement()
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED));
    }

    @Test
    void onlyTheRecordsOlderThanTheMaximumAgeAreDiscardedAndTheRestOfTheBatchIsInvoked() {
        // services-ddb-params and services-dynamodb-errors: records older than
        // MaximumRecordAgeInSeconds are discarded. Discarding only those, and invoking the rest of
        // the batch, is not documented — our choice.
        TestStream stream = table.stream().spacedBy(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            stream.insert(Map.of("id", AttributeValue.s("o-" + i)));
        }

        Simulation simulation = EventSourceMappingSimulator.builder()
                .maximumRecordAge(Duration.ofSeconds(60))
                .invocationDuration(Duration.ofSeconds(25))
                .build()
                .run(stream, event -> {
                    throw new IllegalStateException("down");
                });

        // The run starts when the last record is written (t=20). t=20, 45 fail; at t=70 the first
        // record (written at 0) is 70 s old and goes, the second exactly 60 s and stays.
        Instant written = stream.record(0).approximateCreationDateTime().orElseThrow();
        assertThat(simulation.failureDestination()).first().satisfies(d -> {
            assertThat(d.condition()).isEqualTo("RecordAgeExceeded");
            assertThat(d.batchSize()).isEqualTo(1);
            assertThat(d.timestamp()).isEqualTo(written.plusSeconds(70));
        });
        StreamAssertions.assertThat(simulation).discarded(stream.records().toArray(ChangeRecord[]::new));
        // t=70 discard, t=70 invoke, t=95 discard of the other two: the clock stopped after it.
        assertThat(simulation.failureDestination())
                .last()
                .satisfies(d -> assertThat(d.batchSize()).isEqualTo(2));
        assertThat(simulation.finishedAt()).isEqualTo(written.plusSeconds(95));
    }

    private TestStream largeRecords(int records, int characters) {
        TestStream stream = table.stream();
        for (int i = 0; i < records; i++) {
            stream.insert(Map.of("id", AttributeValue.s("o-" + i), "blob", AttributeValue.s("x".repeat(characters))));
        }
        return stream;
    }

    @Test
    void aBatchNeverExceedsTheSixMegabytePayloadLimit() {
        TestStream stream = largeRecords(10, 760_000);

        Simulation simulation =
                EventSourceMappingSimulator.builder().batchSize(10).build().run(stream, event -> null);

        // Ten 760 KB records are 7.6 MB: eight fit in 6 MB (6,291,456 bytes), two follow.
        assertThat(simulation.invocations()).extracting(i -> i.batch().size()).containsExactly(8, 2);
        assertThat(simulation.invocations())
                .allSatisfy(i -> assertThat(i.payloadBytes())
                        .isEqualTo(LambdaEvents.toJson(i.batch()).length)
                        .isLessThanOrEqualTo(6L * 1024 * 1024));
        assertThat(simulation.invocations().get(0).batch())
                .isEqualTo(stream.records().subList(0, 8));
    }

    @Test
    void aBatchWithinThePayloadLimitIsCutOnlyByTheBatchSize() {
        TestStream stream = largeRecords(8, 760_000);

        Simulation simulation =
                EventSourceMappingSimulator.builder().batchSize(10).build().run(stream, event -> null);

        assertThat(simulation.invocations())
                .singleElement()
                .satisfies(i -> assertThat(i.batch()).hasSize(8));
    }

    @Test
    void aRecordAboveThePayloadLimitIsSentAlone() {
        TestStream stream = largeRecords(2, 7_000_000);

        Simulation simulation = EventSourceMappingSimulator.builder().build().run(stream, event -> null);

        assertThat(simulation.invocations()).extracting(i -> i.batch().size()).containsExactly(1, 1);
    }

    private static final Instant FIRST_WRITE = Instant.parse("2026-01-01T00:00:00Z");

    /** Inserts one record per offset, each written (created) that long after {@link #FIRST_WRITE}. */
    private TestStream writtenAt(Duration... offsets) {
        TestStream stream = table.stream();
        for (int i = 0; i < offsets.length; i++) {
            stream.startingAt(FIRST_WRITE.plus(offsets[i])).insert(Map.of("id", AttributeValue.s("o-" + i)));
        }
        return stream;
    }

    @Test
    void aBatchHoldsOnlyRecordsWrittenByTheTimeItIsInvoked() {
        TestStream stream = writtenAt(Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(20));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .build()
                .run(stream, event -> null);

        assertThat(simulation.invocations())
                .extracting(Invocation::batch)
                .containsExactly(List.of(stream.record(0)), List.of(stream.record(1)), List.of(stream.record(2)));
        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(FIRST_WRITE, FIRST_WRITE.plusSeconds(600), FIRST_WRITE.plusSeconds(1200));
    }

    @Test
    void byDefaultTheRunStartsWhenTheLastRecordIsWritten() {
        TestStream stream = writtenAt(Duration.ZERO, Duration.ofMinutes(10));

        Simulation simulation = EventSourceMappingSimulator.builder().build().run(stream, event -> null);

        assertThat(simulation.invocations()).singleElement().satisfies(i -> {
            assertThat(i.batch()).isEqualTo(stream.records());
            assertThat(i.at()).isEqualTo(FIRST_WRITE.plusSeconds(600));
        });
    }

    @Test
    void batchingWindowWaitsForRecordsWrittenLater() {
        TestStream stream =
                writtenAt(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(10));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .maximumBatchingWindow(Duration.ofSeconds(60))
                .build()
                .run(stream, event -> null);

        // The first window gathers three records; the next (from t=61) has expired when the last
        // record is written at t=600, which then goes at once.
        assertThat(simulation.invocations())
                .extracting(Invocation::batch)
                .containsExactly(stream.records().subList(0, 3), List.of(stream.record(3)));
        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(FIRST_WRITE.plusSeconds(60), FIRST_WRITE.plusSeconds(600));
    }

    @Test
    void withoutABatchingWindowRecordsGoAsSoonAsTheyAreWritten() {
        TestStream stream = writtenAt(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .build()
                .run(stream, event -> null);

        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(FIRST_WRITE, FIRST_WRITE.plusSeconds(10), FIRST_WRITE.plusSeconds(20));
    }

    @Test
    void batchingWindowEndsWhenTheBatchIsFull() {
        TestStream stream = writtenAt(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .batchSize(2)
                .maximumBatchingWindow(Duration.ofSeconds(300))
                .build()
                .run(stream, event -> null);

        // Full at t=10; the third record waits out the next window, which began at t=11.
        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(FIRST_WRITE.plusSeconds(10), FIRST_WRITE.plusSeconds(311));
        assertThat(simulation.invocations().get(0).batch())
                .isEqualTo(stream.records().subList(0, 2));
    }

    @Test
    void batchingWindowEndsWhenThePayloadLimitIsReached() {
        TestStream stream = largeRecords(9, 760_000);
        List<ShardRecord> shard = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            shard.add(new ShardRecord(stream.record(i), FIRST_WRITE.plusSeconds(i)));
        }

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .maximumBatchingWindow(Duration.ofSeconds(300))
                .build()
                .runWithWriteTimes(shard, event -> null);

        // Eight records are 6.08 MB; the ninth, written at t=8, would pass 6 MB.
        assertThat(simulation.invocations().get(0).at()).isEqualTo(FIRST_WRITE.plusSeconds(8));
        assertThat(simulation.invocations()).extracting(i -> i.batch().size()).containsExactly(8, 1);
    }

    @Test
    void aRecordIsReadAtTheWriteTimeGivenWithIt() {
        TestStream stream = stream(2);
        List<ShardRecord> shard = List.of(
                new ShardRecord(stream.record(0), FIRST_WRITE),
                new ShardRecord(stream.record(1), FIRST_WRITE.plusSeconds(3600)));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .build()
                .runWithWriteTimes(shard, event -> null);

        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(FIRST_WRITE, FIRST_WRITE.plusSeconds(3600));
    }

    @Test
    void aRecordWrittenBeforeTheOneAheadOfItWaitsForIt() {
        TestStream stream = stream(2);
        List<ShardRecord> shard = List.of(
                new ShardRecord(stream.record(0), FIRST_WRITE.plusSeconds(100)),
                new ShardRecord(stream.record(1), FIRST_WRITE));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .build()
                .runWithWriteTimes(shard, event -> null);

        assertThat(simulation.invocations()).singleElement().satisfies(i -> {
            assertThat(i.at()).isEqualTo(FIRST_WRITE.plusSeconds(100));
            assertThat(i.batch()).isEqualTo(stream.records());
        });
    }

    @Test
    void aRetryIsTheSameBatchEvenWhenMoreRecordsWereWrittenMeanwhile() {
        TestStream stream = writtenAt(Duration.ZERO, Duration.ofSeconds(1));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .build()
                .run(stream, new Script(fail()));

        assertThat(simulation.invocations())
                .extracting(Invocation::batch)
                .containsExactly(List.of(stream.record(0)), List.of(stream.record(0)), List.of(stream.record(1)));
    }

    /** Six items, each inserted, modified and removed, their changes interleaved in the shard. */
    private TestStream sixItemsChangedThreeTimes() {
        TestStream stream = table.stream();
        for (int change = 0; change < 3; change++) {
            for (int item = 0; item < 6; item++) {
                Map<String, AttributeValue> v1 = Map.of("id", AttributeValue.s("item-" + item));
                Map<String, AttributeValue> v2 =
                        Map.of("id", AttributeValue.s("item-" + item), "v", AttributeValue.n("2"));
                switch (change) {
                    case 0 -> stream.insert(v1);
                    case 1 -> stream.modify(v1, v2);
                    default -> stream.remove(v2);
                }
            }
        }
        return stream;
    }

    @Test
    void parallelizationFactorKeepsEachItemInOrder() {
        TestStream stream = sixItemsChangedThreeTimes();
        List<ChangeRecord> handled = new ArrayList<>();
        Map<String, ChangeRecord> bySequence = new HashMap<>();
        stream.records().forEach(r -> bySequence.put(r.sequenceNumber(), r));

        Simulation simulation = EventSourceMappingSimulator.builder()
                .parallelizationFactor(3)
                .batchSize(2)
                .build()
                .run(stream, event -> {
                    event.getRecords()
                            .forEach(r ->
                                    handled.add(bySequence.get(r.getDynamodb().getSequenceNumber())));
                    return null;
                });

        StreamAssertions.assertThat(simulation)
                .handledEachKeyInOrder(handled)
                .lostNothing(handled)
                .handledEachEventExactlyOnce(handled);
        Map<Map<String, AttributeValue>, Integer> laneOfItem = new HashMap<>();
        for (Invocation invocation : simulation.invocations()) {
            for (ChangeRecord record : invocation.batch()) {
                assertThat(laneOfItem.computeIfAbsent(record.keys(), k -> invocation.lane()))
                        .as("the lane of %s", record.keys())
                        .isEqualTo(invocation.lane());
            }
        }
        // Batches run concurrently (they share a start time), but never two of one item.
        assertThat(simulation.invocations()).extracting(Invocation::lane).containsAnyOf(1, 2);
        assertThat(simulation.invocations().stream()
                        .map(Invocation::at)
                        .distinct()
                        .count())
                .isLessThan(simulation.invocations().size());
        for (Invocation a : simulation.invocations()) {
            for (Invocation b : simulation.invocations()) {
                if (a != b && a.at().equals(b.at())) {
                    assertThat(a.batch())
                            .extracting(ChangeRecord::keys)
                            .doesNotContainAnyElementsOf(
                                    b.batch().stream().map(ChangeRecord::keys).toList());
                }
            }
        }
    }

    @Test
    void parallelizationFactorLetsItemsOfOtherLanesPassAFailingItem() {
        TestStream stream = sixItemsChangedThreeTimes();
        Map<String, AttributeValue> failing = stream.record(0).keys();

        Simulation simulation = EventSourceMappingSimulator.builder()
                .parallelizationFactor(10)
                .maximumRetryAttempts(5)
                .build()
                .run(stream, event -> {
                    if (event.getRecords().stream()
                            .anyMatch(r ->
                                    r.getDynamodb().getKeys().get("id").getS().equals("item-0"))) {
                        throw new IllegalStateException("item-0 is poison");
                    }
                    return null;
                });

        int failingLane = simulation.invocations().stream()
                .filter(i -> i.outcome() == Invocation.Outcome.FUNCTION_ERROR)
                .findFirst()
                .orElseThrow()
                .lane();
        Instant start = simulation.invocations().get(0).at();
        assertThat(simulation.invocations())
                .filteredOn(i -> i.lane() != failingLane)
                .allSatisfy(i -> assertThat(i.at()).isEqualTo(start));
        // Only the items that share item-0's lane wait for it, and are discarded with it.
        Set<Map<String, AttributeValue>> blocked = simulation.invocations().stream()
                .filter(i -> i.lane() == failingLane)
                .flatMap(i -> i.batch().stream())
                .map(ChangeRecord::keys)
                .collect(Collectors.toSet());
        assertThat(blocked).contains(failing).hasSizeLessThan(6);
        assertThat(simulation.discardedRecords())
                .containsExactlyElementsOf(stream.records().stream()
                        .filter(r -> blocked.contains(r.keys()))
                        .toList());
    }

    @Test
    void withTheDefaultParallelizationFactorEverythingRunsOnOneLane() {
        Simulation simulation = EventSourceMappingSimulator.builder()
                .batchSize(2)
                .build()
                .run(sixItemsChangedThreeTimes(), event -> null);

        assertThat(simulation.invocations()).extracting(Invocation::lane).containsOnly(0);
        assertThat(simulation.invocations()).hasSize(9);
    }

    @Test
    void recordsPastTheStreamsTwentyFourHourRetentionAreDiscardedEvenUnderALongerMaximumAge() {
        TestStream stream = stream(1);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .maximumRecordAge(Duration.ofDays(7))
                .invocationDuration(Duration.ofHours(1))
                .build()
                .run(stream, event -> {
                    throw new IllegalStateException("down");
                });

        // Invoked at 0h..24h (24 h old is not older than the retention), trimmed at 25h.
        assertThat(simulation.invocations()).hasSize(25);
        assertThat(simulation.failureDestination()).singleElement().satisfies(d -> {
            assertThat(d.condition()).isEqualTo("RecordAgeExceeded");
            assertThat(d.timestamp()).isEqualTo(FIRST_WRITE.plus(Duration.ofHours(25)));
        });
    }

    @Test
    void aRetryDoesNotWaitForTheBatchingWindow() {
        TestStream stream = writtenAt(Duration.ZERO, Duration.ZERO);

        Simulation simulation = EventSourceMappingSimulator.builder()
                .startingAt(FIRST_WRITE)
                .maximumBatchingWindow(Duration.ofSeconds(60))
                .build()
                .run(stream, new Script(fail()));

        // The window ends at t=60 with both records; the retry follows the failed invocation at once.
        assertThat(simulation.invocations())
                .extracting(Invocation::at)
                .containsExactly(FIRST_WRITE.plusSeconds(60), FIRST_WRITE.plusSeconds(61));
    }

    @Test
    void aFunctionThatNeverSucceedsStopsAtTheInvocationLimit() {
        EventSourceMappingSimulator simulator =
                EventSourceMappingSimulator.builder().maximumInvocations(50).build();

        assertThatThrownBy(() -> simulator.run(stream(1), event -> {
                    throw new IllegalStateException("always");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than 50 invocations");
    }

    @Test
    void failureDestinationRecordHasLambdasShape() throws Exception {
        TestStream stream = stream(1);
        Simulation simulation = EventSourceMappingSimulator.builder()
                .maximumRetryAttempts(0)
                .startingAt(Instant.parse("2026-01-01T00:00:05Z"))
                .build()
                .run(stream, event -> {
                    throw new IllegalStateException("x");
                });

        JsonNode json = new ObjectMapper()
                .readTree(simulation.failureDestination().get(0).toJson());

        assertThat(json.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(json.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(json.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(json.at("/version").asText()).isEqualTo("1.0");
        assertThat(json.at("/timestamp").asText()).isEqualTo("2026-01-01T00:00:06Z");
        assertThat(json.at("/DDBStreamBatchInfo/startSequenceNumber").asText())
                .isEqualTo(stream.record(0).sequenceNumber());
        assertThat(json.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(json.at("/DDBStreamBatchInfo/approximateArrivalOfFirstRecord")
                        .asText())
                .isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.at("/DDBStreamBatchInfo/streamArn").asText()).isEqualTo(table.streamArn());
    }

    private Simulation discardingTheFirstBatch(TestStream stream, DestinationType type) {
        EventSourceMappingSimulator.Builder builder =
                EventSourceMappingSimulator.builder().batchSize(2).maximumRetryAttempts(0);
        if (type != null) {
            builder.destinationType(type);
        }
        return builder.build().run(stream, new Script(fail()));
    }

    @Test
    void anS3DestinationGetsThePayloadSqsOnlyMetadata() throws Exception {
        TestStream stream = stream(3);

        FailureDestinationRecord sqs =
                discardingTheFirstBatch(stream, null).failureDestination().get(0);
        FailureDestinationRecord sns = discardingTheFirstBatch(stream, DestinationType.SNS)
                .failureDestination()
                .get(0);
        FailureDestinationRecord s3 = discardingTheFirstBatch(stream, DestinationType.S3)
                .failureDestination()
                .get(0);

        assertThat(sqs.destinationType()).isEqualTo(DestinationType.SQS);
        assertThat(sqs.hasPayload()).isFalse();
        assertThat(sqs.payload()).isEmpty();
        assertThat(new ObjectMapper().readTree(sqs.toJson()).has("payload")).isFalse();
        assertThat(sns.payload()).isEmpty();
        assertThat(s3.payload()).isEqualTo(stream.records().subList(0, 2));
        JsonNode json = new ObjectMapper().readTree(s3.toJson());
        assertThat(json.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
        assertThat(json.at("/payload/Records")).hasSize(2);
        assertThat(json.at("/payload/Records/1/dynamodb/SequenceNumber").asText())
                .isEqualTo(stream.record(1).sequenceNumber());
    }

    @Test
    void onlyAnS3DestinationRecordCanCarryThePayload() {
        ChangeRecord record = stream(1).record(0);

        assertThatThrownBy(() -> new FailureDestinationRecord(
                        "RetryAttemptsExhausted",
                        1,
                        Instant.EPOCH,
                        "arn",
                        "shard",
                        "stream",
                        record.sequenceNumber(),
                        record.sequenceNumber(),
                        null,
                        null,
                        1,
                        DestinationType.SQS,
                        List.of(record)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "only an S3 destination receives the payload, but the destination is SQS and got 1 record(s)");
    }

    @Test
    void settingsOutsideLambdasLimitsAreRejected() {
        assertThatThrownBy(
                        () -> EventSourceMappingSimulator.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be between 1 and 10000 but was [0]");
        assertThatThrownBy(() -> EventSourceMappingSimulator.builder()
                        .maximumRetryAttempts(-2)
                        .build())
                .hasMessage("maximum retry attempts must be -1 or between 0 and 10000 but was [-2]");
        assertThatThrownBy(() -> EventSourceMappingSimulator.builder()
                        .maximumRecordAge(Duration.ofSeconds(5))
                        .build())
                .hasMessage("maximum record age must be between 60 seconds and 7 days but was [PT5S]");
        assertThatThrownBy(() -> EventSourceMappingSimulator.builder()
                        .parallelizationFactor(0)
                        .build())
                .hasMessage("parallelization factor must be between 1 and 10 but was [0]");
        assertThatThrownBy(() -> EventSourceMappingSimulator.builder()
                        .parallelizationFactor(11)
                        .build())
                .hasMessage("parallelization factor must be between 1 and 10 but was [11]");
        assertThatThrownBy(() -> EventSourceMappingSimulator.builder()
                        .maximumBatchingWindow(Duration.ofSeconds(301))
                        .build())
                .hasMessage("maximum batching window must be whole seconds between 0 and 300 but was [PT5M1S]");
        assertThatThrownBy(() -> EventSourceMappingSimulator.builder()
                        .maximumBatchingWindow(Duration.ofMillis(500))
                        .build())
                .hasMessage("maximum batching window must be whole seconds between 0 and 300 but was [PT0.5S]");
    }
}
