package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A simulator of Lambda's event source mapping for one DynamoDB stream shard: it feeds the shard to a
 * function in batches and applies Lambda's checkpoint and retry rules, on a simulated clock, recording
 * every invocation. The function can be anything that takes a {@link DynamodbEvent}, usually {@code
 * processor::process}.
 *
 * <pre>{@code
 * Simulation simulation = EventSourceMappingSimulator.builder()
 *         .reportBatchItemFailures(true)   // as the processor is meant to be deployed
 *         .batchSize(10)
 *         .maximumRetryAttempts(2)
 *         .bisectBatchOnFunctionError(true)
 *         .build()
 *         .run(stream.records(), processor::process);
 * StreamAssertions.assertThat(simulation).lostNothing(handled).hasNoIgnoredItemFailures();
 * }</pre>
 *
 * <h2>The rules it follows</h2>
 *
 * <p>Lambda's, each from the page of the Lambda Developer Guide that states it. The full list, with
 * the page's words and the test that checks each rule, is in <a href="https://github.com/dynastream/dynastream/blob/main/docs/testing.md#lambdas-rules-in-the-simulator-and-the-runner">Lambda's rules in the
 * simulator and the runner</a> ({@code docs/testing.md}).
 *
 * <ul>
 *   <li>Records are read in stream order, each once it has been written, at most {@code BatchSize}
 *       at a time and at most 6 MB of event JSON; with {@code MaximumBatchingWindowInSeconds} the
 *       mapping gathers a batch until it is full, reaches 6 MB, or the window ends.
 *       https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
 *   <li>One batch at a time per shard, or up to {@code ParallelizationFactor} at once, each item's
 *       changes in order and never concurrently. https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
 *   <li>With {@code ReportBatchItemFailures}, an empty or null {@code batchItemFailures} list and an
 *       empty or null response are a complete success; an empty or null {@code itemIdentifier}, or
 *       one with a bad key name, a complete failure; otherwise Lambda checkpoints before the lowest
 *       reported failure and retries from there, without bisecting. Without it (off by default, as in
 *       Lambda) the response is ignored: a function that returned succeeded, and the records it
 *       reported as failed are lost, which the simulation records ({@link
 *       Simulation#ignoredItemFailures()}).
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 *   <li>A thrown exception retries the whole batch until the records expire (24 hours), pass {@code
 *       MaximumRecordAgeInSeconds} or reach {@code MaximumRetryAttempts}, then discards them;
 *       {@code BisectBatchOnFunctionError} splits a failed batch in halves without using retries,
 *       whatever {@code ReportBatchItemFailures} says; records discarded for their age or the retry
 *       quota are described to the on-failure destination ({@link FailureDestinationRecord}), which
 *       for an S3 bucket ({@link DestinationType}) also holds the batch.
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
 *   <li>Settings, their defaults (Lambda's) and limits:
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
 * </ul>
 *
 * <p>Where the pages say nothing, the simulator makes a choice. Not documented — our choices:
 *
 * <ul>
 *   <li>an {@code itemIdentifier} that is well formed but names no record of the batch fails the
 *       whole batch, because Lambda cannot checkpoint at a record it did not send;
 *   <li>an invalid response is bisected like an error, because Lambda treats it as a failure of the
 *       whole batch;
 *   <li>the retry count goes on when a partial failure moves the checkpoint, because the records
 *       retried are still that batch's;
 *   <li>a retry starts as soon as the failed invocation ended, with no backoff and no batching
 *       window, so that tests do not wait for a delay the pages do not give;
 *   <li>before an invocation, only the records at the head of the batch that are past {@code
 *       MaximumRecordAgeInSeconds} are discarded, and the rest is invoked, because the age is each
 *       record's own;
 *   <li>records that reach the stream's 24-hour retention are discarded to the destination with
 *       condition {@code RecordAgeExceeded}, like records past the maximum age, so that a test sees
 *       the loss instead of a silent gap;
 *   <li>each item belongs to one of the {@code ParallelizationFactor} lanes by a hash of its key;
 *       6 MB is 6,291,456 bytes; the first batching window begins when the run starts.
 * </ul>
 *
 * <h2>Time</h2>
 *
 * <p>The clock is simulated: a run takes no real time and repeats itself. It starts at {@link
 * Builder#startingAt(Instant)}, by default when the last record was written, so that a shard written
 * beforehand is read as a backlog; start earlier to have the mapping wait for records written
 * later. Each invocation takes {@link Builder#invocationDuration(Duration)}, and {@link
 * Invocation#at()} records when it started. A run that needs more than {@link
 * Builder#maximumInvocations(int)} invocations stops with an {@link IllegalStateException}, so a
 * function that always fails cannot hang a test.
 *
 * <p>Instances are immutable and thread-safe; a run calls the function from the calling thread only,
 * one invocation at a time, also when batches are "in flight" on several lanes at once.
 */
public final class EventSourceMappingSimulator {
    private final MappingSettings settings;
    private final Duration invocationDuration;
    private final Instant startingAt;

    private EventSourceMappingSimulator(MappingSettings settings, Duration invocationDuration, Instant startingAt) {
        this.settings = settings;
        this.invocationDuration = invocationDuration;
        this.startingAt = startingAt;
    }

    /** Starts configuring a simulator; the defaults are Lambda's. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs a test stream's shard, each record written at its creation time. */
    public Simulation run(TestStream stream, Function<DynamodbEvent, StreamsEventResponse> function) {
        return run(stream.records(), function);
    }

    /**
     * Feeds the shard to the function until every record is processed or discarded. Each record is
     * written to the stream at its {@code ApproximateCreationDateTime}; one without a creation time
     * is there when the run starts.
     *
     * @param shard the records of one shard, in stream order
     * @param function the function under test, e.g. {@code processor::process}
     * @throws IllegalStateException if the run needs more than the maximum number of invocations
     */
    public Simulation run(List<ChangeRecord> shard, Function<DynamodbEvent, StreamsEventResponse> function) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(function, "function");
        Instant lastCreated = null;
        for (ChangeRecord record : shard) {
            Instant created = record.approximateCreationDateTime().orElse(null);
            if (created != null && (lastCreated == null || created.isAfter(lastCreated))) {
                lastCreated = created;
            }
        }
        Instant start = startingAt != null ? startingAt : lastCreated != null ? lastCreated : Instant.EPOCH;
        List<ShardRecord> written = new ArrayList<>(shard.size());
        for (ChangeRecord record : shard) {
            written.add(
                    new ShardRecord(record, record.approximateCreationDateTime().orElse(start)));
        }
        return runWithWriteTimes(written, function);
    }

    /**
     * Feeds the shard to the function, each record written to the stream at the time given with it:
     * a batch holds only records written by the time it is invoked, and the batching window waits
     * for records written later.
     *
     * <pre>{@code
     * Simulation simulation = EventSourceMappingSimulator.builder()
     *         .startingAt(start)
     *         .maximumBatchingWindow(Duration.ofSeconds(60))
     *         .build()
     *         .runWithWriteTimes(
     *                 List.of(new ShardRecord(first, start), new ShardRecord(second, start.plusSeconds(30))),
     *                 processor::process);
     * }</pre>
     *
     * @param shard the records of one shard in stream order, with their write times; a record is
     *     readable once it and every record before it were written
     * @param function the function under test, e.g. {@code processor::process}
     * @throws IllegalStateException if the run needs more than the maximum number of invocations
     */
    public Simulation runWithWriteTimes(
            List<ShardRecord> shard, Function<DynamodbEvent, StreamsEventResponse> function) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(function, "function");
        WrittenShard source = new WrittenShard(shard);
        Instant start = startingAt != null ? startingAt : source.lastWrite().orElse(Instant.EPOCH);
        return new EventSourceMapping(settings)
                .run(source, MappingClock.simulated(invocationDuration, start), function);
    }

    /**
     * Configures an {@link EventSourceMappingSimulator}; the mapping's settings and defaults are
     * Lambda's, the same as the {@link LocalStreamRunner}'s. Not thread-safe.
     */
    public static final class Builder extends MappingSettingsBuilder<Builder> {
        private Duration invocationDuration = Duration.ofSeconds(1);
        private Instant startingAt;
        private String shardId = "shardId-00000001767225600000-00000001";

        private Builder() {}

        /** How far the simulated clock moves per invocation (default one second). */
        public Builder invocationDuration(Duration invocationDuration) {
            this.invocationDuration = Objects.requireNonNull(invocationDuration, "invocationDuration");
            return this;
        }

        /**
         * When the mapping starts reading the shard. By default, when the last record was written:
         * the whole shard is there, as for a mapping that starts at the trim horizon of a stream
         * written before. Set an earlier time to have the mapping wait for records written later.
         */
        public Builder startingAt(Instant startingAt) {
            this.startingAt = Objects.requireNonNull(startingAt, "startingAt");
            return this;
        }

        /** The shard id in failure destination records. */
        public Builder shardId(String shardId) {
            this.shardId = Objects.requireNonNull(shardId, "shardId");
            return this;
        }

        /**
         * Builds the simulator.
         *
         * @throws IllegalArgumentException if a setting is outside what Lambda accepts
         */
        public EventSourceMappingSimulator build() {
            MappingSettings settings = settings(shardId);
            if (invocationDuration.isNegative()) {
                throw new IllegalArgumentException(
                        "invocation duration must not be negative but was [" + invocationDuration + "]");
            }
            return new EventSourceMappingSimulator(settings, invocationDuration, startingAt);
        }
    }
}
