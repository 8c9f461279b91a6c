package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.github.dynastream.ChangeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A simulator of Lambda's tumbling windows on one DynamoDB stream shard
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html): the shard's records are
 * grouped into windows, each window is delivered in batches whose invocations carry the state the
 * previous one returned, and a final invocation ({@code isFinalInvokeForWindow}) closes it.
 *
 * <pre>{@code
 * List<WindowInvocation> invocations = TumblingWindowSimulator.builder()
 *         .window(Duration.ofMinutes(5))
 *         .batchSize(2)
 *         .build()
 *         .run(stream.records(), totals::process);
 * }</pre>
 *
 * <p>The class you deploy runs the same simulation through its JSON entry point: each invocation's
 * event is written as Lambda's JSON ({@link TimeWindowEvent}), and the state is read back from the
 * {@code TimeWindowEventResponse} JSON it writes.
 *
 * <pre>{@code
 * List<WindowInvocation> invocations = TumblingWindowSimulator.builder()
 *         .window(Duration.ofMinutes(5))
 *         .build()
 *         .run(stream, TimeWindowHandlerFunction.of(new OrderTotalsHandler()));
 * }</pre>
 *
 * <h2>The rules it follows</h2>
 *
 * <ul>
 *   <li>"The response must contain the state property. If the response does not contain the state
 *       property, Lambda considers this a failed invocation" (the page above): such an invocation,
 *       and one that throws, is retried with the same records and the same state.
 *   <li>A reported item failure is retried from that record, as on a plain stream
 *       (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html). Which
 *       state the retry carries is not documented — our choice: the one returned with the failure.
 *   <li>"If the invocation fails, your Lambda function suspends further processing until a
 *       successful invocation": a final invocation is retried until it succeeds, up to {@link
 *       Builder#maximumInvocations}.
 *   <li>Which window a record belongs to is not documented in detail — our choice: its {@code
 *       ApproximateCreationDateTime}, in windows of the configured length aligned to the epoch; a
 *       record without one belongs to the window of the record before it. The final invocation
 *       carries no records (our choice), after the window's last batch succeeded.
 *   <li>The window length is {@code TumblingWindowInSeconds}, 1 to 900 seconds
 *       (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html).
 *   <li>Not simulated: the 1 MB state limit and the early termination it causes ({@code
 *       isWindowTerminatedEarly}), batching windows, parallelization and retry limits.
 * </ul>
 *
 * <p>Immutable and thread-safe; a run calls the function from the calling thread only.
 */
public final class TumblingWindowSimulator {
    private final Duration window;
    private final int batchSize;
    private final int maximumInvocations;
    private final String shardId;

    private TumblingWindowSimulator(Builder builder) {
        this.window = builder.window;
        this.batchSize = builder.batchSize;
        this.maximumInvocations = builder.maximumInvocations;
        this.shardId = builder.shardId;
    }

    /** Starts configuring a simulator: windows of 5 minutes, batches of 100. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a test stream's shard.
     *
     * <pre>{@code
     * List<WindowInvocation> invocations = simulator.run(stream, window::process);
     * }</pre>
     */
    public List<WindowInvocation> run(
            TestStream stream, Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> function) {
        return run(stream.records(), function);
    }

    /**
     * Feeds the shard's windows to the function and records every invocation.
     *
     * @param shard the records of one shard, in stream order
     * @param function the function under test: {@code window::process} for a {@code TumblingWindow},
     *     or {@link TimeWindowHandlerFunction#of} for the {@code RequestStreamHandler} you deploy, which
     *     is given each invocation's event JSON and answers with the response JSON
     * @throws IllegalStateException if the run needs more than the maximum number of invocations
     */
    public List<WindowInvocation> run(
            List<ChangeRecord> shard, Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> function) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(function, "function");
        List<WindowInvocation> invocations = new ArrayList<>();
        for (Map.Entry<Instant, List<ChangeRecord>> entry : windows(shard).entrySet()) {
            Instant start = entry.getKey();
            Instant end = start.plus(window);
            List<ChangeRecord> records = entry.getValue();
            Map<String, String> state = Map.of();
            int next = 0;
            while (next < records.size()) {
                List<ChangeRecord> batch = records.subList(next, Math.min(records.size(), next + batchSize));
                WindowInvocation invocation = invoke(invocations, function, start, end, batch, state, false);
                if (invocation.outcome() == WindowInvocation.Outcome.FAILED) {
                    continue; // the same records, the same state
                }
                state = invocation.response().getState();
                int failedAt = failedAt(invocation, batch);
                next += failedAt < 0 ? batch.size() : failedAt;
            }
            WindowInvocation last;
            do {
                last = invoke(invocations, function, start, end, List.of(), state, true);
            } while (last.outcome() == WindowInvocation.Outcome.FAILED);
        }
        return invocations;
    }

    /** Where in the batch Lambda retries from, or -1 if the batch succeeded. */
    private static int failedAt(WindowInvocation invocation, List<ChangeRecord> batch) {
        List<TimeWindowEventResponse.BatchItemFailure> failures =
                invocation.response().getBatchItemFailures();
        if (failures == null || failures.isEmpty()) {
            return -1;
        }
        int lowest = batch.size();
        for (TimeWindowEventResponse.BatchItemFailure failure : failures) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).sequenceNumber().equals(failure.getItemIdentifier())) {
                    lowest = Math.min(lowest, i);
                }
            }
        }
        return lowest == batch.size() ? 0 : lowest; // an identifier not in the batch: retry it whole
    }

    private WindowInvocation invoke(
            List<WindowInvocation> invocations,
            Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> function,
            Instant start,
            Instant end,
            List<ChangeRecord> batch,
            Map<String, String> state,
            boolean finalInvoke) {
        if (invocations.size() >= maximumInvocations) {
            throw new IllegalStateException("the simulation needed more than " + maximumInvocations
                    + " invocations; the function keeps failing (last: " + invocations.get(invocations.size() - 1)
                    + ")");
        }
        DynamodbTimeWindowEvent event = TimeWindowEvent.of(batch, start, end)
                .withState(state)
                .withShardId(shardId)
                .withFinalInvoke(finalInvoke)
                .toDynamodbTimeWindowEvent();
        TimeWindowEventResponse response = null;
        Throwable error = null;
        try {
            response = function.apply(event);
        } catch (AssertionError | VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable thrown) {
            error = thrown;
        }
        WindowInvocation.Outcome outcome;
        if (error != null || response == null || response.getState() == null) {
            outcome = WindowInvocation.Outcome.FAILED;
        } else if (response.getBatchItemFailures() != null
                && !response.getBatchItemFailures().isEmpty()) {
            outcome = WindowInvocation.Outcome.PARTIAL_FAILURE;
        } else {
            outcome = WindowInvocation.Outcome.SUCCEEDED;
        }
        WindowInvocation invocation = new WindowInvocation(
                invocations.size() + 1, start, end, batch, Map.copyOf(state), finalInvoke, outcome, response, error);
        invocations.add(invocation);
        return invocation;
    }

    private Map<Instant, List<ChangeRecord>> windows(List<ChangeRecord> shard) {
        Map<Instant, List<ChangeRecord>> windows = new LinkedHashMap<>();
        Instant current = null;
        long length = window.getSeconds();
        for (ChangeRecord record : shard) {
            Instant created = record.approximateCreationDateTime().orElse(null);
            Instant start = created == null
                    ? (current == null ? Instant.EPOCH : current)
                    : Instant.ofEpochSecond(Math.floorDiv(created.getEpochSecond(), length) * length);
            windows.computeIfAbsent(start, s -> new ArrayList<>()).add(record);
            current = start;
        }
        return windows;
    }

    /** Configures a {@link TumblingWindowSimulator}. Not thread-safe. */
    public static final class Builder {
        private Duration window = Duration.ofMinutes(5);
        private int batchSize = 100;
        private int maximumInvocations = 10_000;
        private String shardId = TimeWindowEvent.DEFAULT_SHARD_ID;

        private Builder() {}

        /** {@code TumblingWindowInSeconds}: whole seconds from 1 to 900 (default 5 minutes). */
        public Builder window(Duration window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** {@code BatchSize}: records per invocation (default 100; 1 to 10,000). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** A safety limit on invocations per run (default 10,000). */
        public Builder maximumInvocations(int maximumInvocations) {
            this.maximumInvocations = maximumInvocations;
            return this;
        }

        /** The shard id the events name. */
        public Builder shardId(String shardId) {
            this.shardId = Objects.requireNonNull(shardId, "shardId");
            return this;
        }

        /**
         * Builds the simulator.
         *
         * @throws IllegalArgumentException if a setting is outside what Lambda accepts
         */
        public TumblingWindowSimulator build() {
            if (window.getNano() != 0 || window.getSeconds() < 1 || window.getSeconds() > 900) {
                throw new IllegalArgumentException(
                        "window must be whole seconds between 1 and 900 but was [" + window + "]");
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException(
                        "batch size must be between 1 and 10000 but was [" + batchSize + "]");
            }
            if (maximumInvocations < 1) {
                throw new IllegalArgumentException(
                        "maximum invocations must be > 0 but was [" + maximumInvocations + "]");
            }
            return new TumblingWindowSimulator(this);
        }
    }
}
