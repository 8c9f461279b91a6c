package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *         .batchSize(10)
 *         .maximumRetryAttempts(2)
 *         .bisectBatchOnFunctionError(true)
 *         .build()
 *         .run(stream.records(), processor::process);
 * StreamAssertions.assertThat(simulation).lostNothing(handled);
 * }</pre>
 *
 * <h2>The rules it follows</h2>
 *
 * <ul>
 *   <li>Records are read in stream order, at most {@code BatchSize} at a time; a batch's successor is
 *       read only once the batch is done (one invocation at a time per shard, ParallelizationFactor
 *       1). https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
 *   <li>With {@code ReportBatchItemFailures} (on by default here): an empty or null response, or an
 *       empty or null failure list, is a success. Otherwise Lambda checkpoints before the record with
 *       the lowest reported sequence number and retries from it. An empty, null or unknown identifier
 *       makes the whole batch a failure.
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 *   <li>Without it, the response is ignored: only a thrown exception fails the batch.
 *   <li>A thrown exception (a function error) retries the whole batch. Every retry, after a function
 *       error or a partial failure, counts against {@code MaximumRetryAttempts} (-1, the default,
 *       means until the records expire); when it is exhausted, the remaining records of the batch are
 *       discarded and described to the on-failure destination, and reading continues after them.
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
 *   <li>With {@code BisectBatchOnFunctionError}, a failed batch of more than one record is split in
 *       two halves, each retried on its own; splitting does not consume retries. A partial failure
 *       is not split further: Lambda retries the records from the reported one.
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html and
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 *   <li>Before each invocation, records older than {@code MaximumRecordAgeInSeconds} (by their
 *       creation time against the simulated clock) are discarded with condition {@code
 *       RecordAgeExceeded}. Without a maximum age, the stream's 24-hour retention applies the same
 *       way. https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
 *   <li>The on-failure destination receives batch metadata ({@link FailureDestinationRecord}), not the
 *       records.
 * </ul>
 *
 * <p>Each invocation advances the simulated clock by {@link Builder#invocationDuration(Duration)}.
 * A run that needs more than {@link Builder#maximumInvocations(int)} invocations stops with an
 * {@link IllegalStateException}, so a function that always fails cannot hang a test. Instances are
 * immutable and thread-safe; a run is single-threaded.
 */
public final class EventSourceMappingSimulator {
    private static final Duration STREAM_RETENTION = Duration.ofHours(24);

    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final int maximumRetryAttempts;
    private final boolean bisectBatchOnFunctionError;
    private final Duration maximumRecordAge;
    private final Duration invocationDuration;
    private final Instant startingAt;
    private final int maximumInvocations;
    private final String shardId;
    private final String functionArn;

    private EventSourceMappingSimulator(Builder b) {
        this.batchSize = b.batchSize;
        this.reportBatchItemFailures = b.reportBatchItemFailures;
        this.maximumRetryAttempts = b.maximumRetryAttempts;
        this.bisectBatchOnFunctionError = b.bisectBatchOnFunctionError;
        this.maximumRecordAge = b.maximumRecordAge;
        this.invocationDuration = b.invocationDuration;
        this.startingAt = b.startingAt;
        this.maximumInvocations = b.maximumInvocations;
        this.shardId = b.shardId;
        this.functionArn = b.functionArn;
    }

    /** Starts configuring a simulator; the defaults are Lambda's, except ReportBatchItemFailures is on. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs a test stream's shard. */
    public Simulation run(TestStream stream, Function<DynamodbEvent, StreamsEventResponse> function) {
        return run(stream.records(), function);
    }

    /**
     * Feeds the shard to the function until every record is processed or discarded.
     *
     * @param shard the records of one shard, in stream order
     * @param function the function under test, e.g. {@code processor::process}
     * @throws IllegalStateException if the run needs more than the maximum number of invocations
     */
    public Simulation run(List<ChangeRecord> shard, Function<DynamodbEvent, StreamsEventResponse> function) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(function, "function");
        Run run = new Run(List.copyOf(shard), function);
        for (int start = 0; start < shard.size(); start += batchSize) {
            run.batch(start, Math.min(shard.size(), start + batchSize), 0, 0);
        }
        return new Simulation(shard, run.invocations, run.destination, run.clock);
    }

    /** The state of one run: the clock, the invocations so far and the destination. */
    private final class Run {
        private final List<ChangeRecord> shard;
        private final Function<DynamodbEvent, StreamsEventResponse> function;
        private final List<Invocation> invocations = new ArrayList<>();
        private final List<FailureDestinationRecord> destination = new ArrayList<>();
        private Instant clock;

        Run(List<ChangeRecord> shard, Function<DynamodbEvent, StreamsEventResponse> function) {
            this.shard = shard;
            this.function = function;
            this.clock = startingAt != null
                    ? startingAt
                    : shard.stream()
                            .findFirst()
                            .flatMap(ChangeRecord::approximateCreationDateTime)
                            .orElse(Instant.EPOCH);
        }

        /**
         * Processes records [start, end) until they succeed or are discarded.
         *
         * @param retries retries already consumed by these records (bisected halves inherit them)
         * @param invokes invocations these records were already part of
         */
        void batch(int start, int end, int retries, int invokes) {
            while (start < end) {
                int aged = agedPrefix(start, end);
                if (aged > 0) {
                    discard(start, start + aged, FailureDestinationRecord.RECORD_AGE_EXCEEDED, invokes);
                    start += aged;
                    continue;
                }
                Invocation invocation = invoke(start, end, retries);
                invokes++;
                switch (invocation.outcome()) {
                    case SUCCEEDED -> {
                        return;
                    }
                    case PARTIAL_FAILURE -> start = indexOf(invocation.checkpoint(), start, end);
                    case FUNCTION_ERROR, INVALID_RESPONSE -> {
                        if (bisectBatchOnFunctionError && end - start > 1) {
                            int middle = start + (end - start) / 2;
                            batch(start, middle, retries, invokes);
                            batch(middle, end, retries, invokes);
                            return;
                        }
                    }
                }
                if (maximumRetryAttempts >= 0 && retries >= maximumRetryAttempts) {
                    discard(start, end, FailureDestinationRecord.RETRY_ATTEMPTS_EXHAUSTED, invokes);
                    return;
                }
                retries++;
            }
        }

        private int agedPrefix(int start, int end) {
            Duration limit = maximumRecordAge != null ? maximumRecordAge : STREAM_RETENTION;
            int aged = 0;
            for (int i = start; i < end; i++) {
                Instant created = shard.get(i).approximateCreationDateTime().orElse(null);
                if (created == null || Duration.between(created, clock).compareTo(limit) <= 0) {
                    break;
                }
                aged++;
            }
            return aged;
        }

        private Invocation invoke(int start, int end, int retries) {
            if (invocations.size() >= maximumInvocations) {
                throw new IllegalStateException("the simulation needed more than " + maximumInvocations
                        + " invocations; the function keeps failing (last: " + invocations.get(invocations.size() - 1)
                        + "). Set maximumRetryAttempts or maximumRecordAge, or raise maximumInvocations");
            }
            List<ChangeRecord> batch = shard.subList(start, end);
            Instant at = clock;
            clock = clock.plus(invocationDuration);
            int number = invocations.size() + 1;
            Invocation invocation;
            try {
                StreamsEventResponse response = function.apply(LambdaEvents.toDynamodbEvent(batch));
                invocation = judge(number, at, batch, retries, response);
            } catch (AssertionError | VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                invocation = new Invocation(
                        number, at, batch, retries, Invocation.Outcome.FUNCTION_ERROR, null, error, null, null);
            }
            invocations.add(invocation);
            return invocation;
        }

        private Invocation judge(
                int number, Instant at, List<ChangeRecord> batch, int retries, StreamsEventResponse response) {
            if (!reportBatchItemFailures
                    || response == null
                    || response.getBatchItemFailures() == null
                    || response.getBatchItemFailures().isEmpty()) {
                return new Invocation(
                        number, at, batch, retries, Invocation.Outcome.SUCCEEDED, response, null, null, null);
            }
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                positions.put(batch.get(i).sequenceNumber(), i);
            }
            int lowest = Integer.MAX_VALUE;
            for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                String id = failure == null ? null : failure.getItemIdentifier();
                Integer position = id == null ? null : positions.get(id);
                if (position == null) {
                    String reason = id == null
                            ? "null itemIdentifier"
                            : id.isEmpty() ? "empty itemIdentifier" : "itemIdentifier [" + id + "] is not in the batch";
                    return new Invocation(
                            number,
                            at,
                            batch,
                            retries,
                            Invocation.Outcome.INVALID_RESPONSE,
                            response,
                            null,
                            null,
                            reason);
                }
                lowest = Math.min(lowest, position);
            }
            return new Invocation(
                    number,
                    at,
                    batch,
                    retries,
                    Invocation.Outcome.PARTIAL_FAILURE,
                    response,
                    null,
                    batch.get(lowest).sequenceNumber(),
                    null);
        }

        private int indexOf(String sequenceNumber, int start, int end) {
            for (int i = start; i < end; i++) {
                if (shard.get(i).sequenceNumber().equals(sequenceNumber)) {
                    return i;
                }
            }
            throw new IllegalStateException("checkpoint " + sequenceNumber + " is not in the batch");
        }

        private void discard(int start, int end, String condition, int invokes) {
            ChangeRecord first = shard.get(start);
            ChangeRecord last = shard.get(end - 1);
            destination.add(new FailureDestinationRecord(
                    condition,
                    invokes,
                    clock,
                    functionArn,
                    shardId,
                    first.eventSourceArn().orElse(null),
                    first.sequenceNumber(),
                    last.sequenceNumber(),
                    first.approximateCreationDateTime().orElse(null),
                    last.approximateCreationDateTime().orElse(null),
                    end - start));
        }
    }

    /** Configures an {@link EventSourceMappingSimulator}. Not thread-safe. */
    public static final class Builder {
        private int batchSize = 100;
        private boolean reportBatchItemFailures = true;
        private int maximumRetryAttempts = -1;
        private boolean bisectBatchOnFunctionError;
        private Duration maximumRecordAge;
        private Duration invocationDuration = Duration.ofSeconds(1);
        private Instant startingAt;
        private int maximumInvocations = 10_000;
        private String shardId = "shardId-00000001767225600000-00000001";
        private String functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:stream-handler";

        private Builder() {}

        /** {@code BatchSize}: records per invocation (default 100; Lambda allows 1 to 10,000). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether {@code FunctionResponseTypes} includes {@code ReportBatchItemFailures} (default true). */
        public Builder reportBatchItemFailures(boolean reportBatchItemFailures) {
            this.reportBatchItemFailures = reportBatchItemFailures;
            return this;
        }

        /** {@code MaximumRetryAttempts}: -1 (the default) retries until the records expire. */
        public Builder maximumRetryAttempts(int maximumRetryAttempts) {
            this.maximumRetryAttempts = maximumRetryAttempts;
            return this;
        }

        /** {@code BisectBatchOnFunctionError} (default false). */
        public Builder bisectBatchOnFunctionError(boolean bisectBatchOnFunctionError) {
            this.bisectBatchOnFunctionError = bisectBatchOnFunctionError;
            return this;
        }

        /** {@code MaximumRecordAgeInSeconds}; unset means the stream's 24-hour retention. */
        public Builder maximumRecordAge(Duration maximumRecordAge) {
            this.maximumRecordAge = Objects.requireNonNull(maximumRecordAge, "maximumRecordAge");
            return this;
        }

        /** How far the simulated clock moves per invocation (default one second). */
        public Builder invocationDuration(Duration invocationDuration) {
            this.invocationDuration = Objects.requireNonNull(invocationDuration, "invocationDuration");
            return this;
        }

        /** The simulated time of the first invocation (default: the first record's creation time). */
        public Builder startingAt(Instant startingAt) {
            this.startingAt = Objects.requireNonNull(startingAt, "startingAt");
            return this;
        }

        /** A safety limit on invocations per run (default 10,000). */
        public Builder maximumInvocations(int maximumInvocations) {
            this.maximumInvocations = maximumInvocations;
            return this;
        }

        /** The shard id in failure destination records. */
        public Builder shardId(String shardId) {
            this.shardId = Objects.requireNonNull(shardId, "shardId");
            return this;
        }

        /** The function ARN in failure destination records. */
        public Builder functionArn(String functionArn) {
            this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
            return this;
        }

        /**
         * Builds the simulator.
         *
         * @throws IllegalArgumentException if a setting is outside what Lambda accepts
         */
        public EventSourceMappingSimulator build() {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException(
                        "batch size must be between 1 and 10000 but was [" + batchSize + "]");
            }
            if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
                throw new IllegalArgumentException("maximum retry attempts must be -1 or between 0 and 10000 but was ["
                        + maximumRetryAttempts + "]");
            }
            if (maximumRecordAge != null
                    && (maximumRecordAge.compareTo(Duration.ofSeconds(60)) < 0
                            || maximumRecordAge.compareTo(Duration.ofDays(7)) > 0)) {
                throw new IllegalArgumentException(
                        "maximum record age must be between 60 seconds and 7 days but was [" + maximumRecordAge + "]");
            }
            if (invocationDuration.isNegative()) {
                throw new IllegalArgumentException(
                        "invocation duration must not be negative but was [" + invocationDuration + "]");
            }
            if (maximumInvocations < 1) {
                throw new IllegalArgumentException(
                        "maximum invocations must be > 0 but was [" + maximumInvocations + "]");
            }
            return new EventSourceMappingSimulator(this);
        }
    }
}
