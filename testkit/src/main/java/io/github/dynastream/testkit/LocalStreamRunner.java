package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.UserIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Runs a function against a real DynamoDB stream — moto from {@link LocalAws}, or any endpoint you
 * name — the way Lambda's event source mapping would: every shard of the stream, parents before
 * children, in batches, with Lambda's checkpoint, retry, bisect, age and destination rules. The
 * rules are the {@link EventSourceMappingSimulator}'s own (one implementation, two drivers), and a
 * run is reported as the same {@link Simulation}, so the same assertions work on both.
 *
 * <pre>{@code
 * @RegisterExtension static final LocalAws AWS = LocalAws.forTests();
 *
 * try (LocalStreamRunner runner = LocalStreamRunner.builder()
 *         .streams(AWS.dynamoDbStreams())
 *         .table(AWS.dynamoDb(), "Orders")
 *         .reportBatchItemFailures(true)
 *         .maximumRetryAttempts(2)
 *         .build()) {
 *     AWS.dynamoDb().putItem(...);                        // write to the table
 *     Simulation simulation = runner.drain(StreamHandlerFunction.of(new OrderAuditHandler()));
 *     StreamAssertions.assertThat(simulation).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
 * }
 * }</pre>
 *
 * <h2>Two ways to run</h2>
 *
 * <ul>
 *   <li>{@link #drain(Function)} reads, on the calling thread, every shard from where the previous
 *       drain stopped (the trim horizon at first) until it has caught up with what was written,
 *       and returns what this drain delivered. For tests: write, drain, assert.
 *   <li>{@link #start(Function)} polls the stream on a background thread, as a deployed mapping
 *       does, until {@link #close()}; {@link #awaitRecords(int, Duration)} waits for records to
 *       arrive and {@link #delivered()} tells what was delivered so far. For a {@code main}, a demo,
 *       or a test of a writer and a reader running side by side.
 * </ul>
 *
 * <p>Time is the wall clock: a retry starts as soon as the failed invocation ended, a batching
 * window really waits (reading the stream meanwhile, so a batch that fills up goes at once), and
 * record ages count from each record's {@code ApproximateCreationDateTime}. Caught up means a
 * GetRecords that returned no records. DynamoDB may return an empty page before later records of an
 * open shard; moto does not. A shard that DynamoDB split is read to its end before its children.
 *
 * <p>Lambda reads the shards of a stream independently. The runner reads them on one thread, in
 * turns: each round gives every shard that has a batch due one invocation (or discard), so a shard
 * whose batch keeps failing does not hold up the others; a shard's own batches keep their order, and
 * a child shard joins the turns once its parent was read to its end. With unbounded retries (the
 * default {@code MaximumRetryAttempts} of -1) a poison record still keeps a drain going until
 * {@link Builder#maximumInvocations(int)} stops it with an {@link IllegalStateException}, after the
 * other shards' records were delivered. The rules, and the choices the testkit makes where Lambda's
 * pages are silent, are the simulator's: see <a href="https://github.com/dynastream/dynastream/blob/main/docs/testing.md#lambdas-rules-in-the-simulator-and-the-runner">Lambda's rules in the simulator and the
 * runner</a> ({@code docs/testing.md}).
 *
 * <p>Thread-safe: {@code drain}, {@code start} and {@code close} may be called from any thread, one
 * run at a time; the function is called from one thread at a time. No thread survives {@link
 * #close()}.
 */
public final class LocalStreamRunner implements AutoCloseable {
    /** How often the background thread polls an idle stream: Lambda's base rate, 4 times per second. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final MappingSettings settings;
    private final MappingClock clock;
    private final Map<String, StreamShardSource> shards = new LinkedHashMap<>();
    private final Object lock = new Object();
    private final Predicate<ChangeRecord> timeToLiveDeletes;
    private Simulation delivered;
    private Thread poller;
    private RuntimeException pollerFailure;
    private volatile boolean closing;
    private boolean running;

    private LocalStreamRunner(
            DynamoDbStreamsClient streams,
            String streamArn,
            MappingSettings settings,
            MappingClock clock,
            Predicate<ChangeRecord> timeToLiveDeletes) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.settings = settings;
        this.timeToLiveDeletes = timeToLiveDeletes;
        this.clock = clock != null ? clock : MappingClock.wall(() -> closing);
        this.delivered = empty();
    }

    /** Starts configuring a runner; the mapping's settings and defaults are Lambda's. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ARN of the stream this runner reads. */
    public String streamArn() {
        return streamArn;
    }

    /**
     * Reads every shard of the stream, parents before children, from where the previous drain
     * stopped until it has caught up, invoking the function with Lambda's rules on the calling
     * thread, and returns what this drain read and delivered.
     *
     * @param function the function, e.g. {@code processor::process} or {@link
     *     StreamHandlerFunction#of} of the class you deploy
     * @throws IllegalStateException if the runner is closed or running in the background, or a
     *     drain needs more than the maximum number of invocations
     */
    public Simulation drain(Function<DynamodbEvent, StreamsEventResponse> function) {
        Objects.requireNonNull(function, "function");
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("the runner is closed");
            }
            if (running) {
                throw new IllegalStateException("the runner is running in the background; use awaitRecords or"
                        + " delivered, or close it first");
            }
            running = true;
        }
        try {
            Simulation drained = pass(function);
            synchronized (lock) {
                delivered = Simulation.concat(delivered, drained);
            }
            return drained;
        } finally {
            synchronized (lock) {
                running = false;
            }
        }
    }

    /**
     * Starts polling the stream on a background thread, invoking the function as records come, until
     * {@link #close()}.
     *
     * @throws IllegalStateException if the runner is closed or already running
     */
    public void start(Function<DynamodbEvent, StreamsEventResponse> function) {
        Objects.requireNonNull(function, "function");
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("the runner is closed");
            }
            if (running) {
                throw new IllegalStateException("the runner is already running");
            }
            running = true;
            poller = new Thread(() -> poll(function), "dynastream-local-stream-runner");
            poller.setDaemon(true);
            poller.start();
        }
    }

    private void poll(Function<DynamodbEvent, StreamsEventResponse> function) {
        try {
            while (!closing) {
                Simulation drained = pass(function);
                synchronized (lock) {
                    delivered = Simulation.concat(delivered, drained);
                    lock.notifyAll();
                }
                if (clock.waitUntil(clock.now().plus(POLL_INTERVAL)) == null) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                pollerFailure = e;
                lock.notifyAll();
            }
        }
    }

    /**
     * Waits until at least {@code count} records were read since the runner was built (delivered,
     * or discarded to the failure destination, and done with), and returns what was delivered.
     *
     * @throws IllegalStateException if they did not arrive in time (the message says how many
     *     did), or the background thread failed (the failure is the cause)
     */
    public Simulation awaitRecords(int count, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was [" + count + "]");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                if (pollerFailure != null) {
                    throw new IllegalStateException("the runner's background thread failed", pollerFailure);
                }
                if (delivered.records().size() >= count) {
                    return delivered;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || poller == null) {
                    throw new IllegalStateException(
                            "only " + delivered.records().size() + " of " + count
                                    + " records arrived within " + timeout
                                    + (poller == null ? " (the runner was not started)" : ""));
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for records", e);
                }
            }
        }
    }

    /** Everything read and delivered since the runner was built, over all drains and polls. */
    public Simulation delivered() {
        synchronized (lock) {
            return delivered;
        }
    }

    /**
     * Stops the runner: the background thread finishes the invocation under way, if any, and ends;
     * this waits for it. Records read but not yet invoked stay unprocessed, as when a mapping is
     * disabled. Idempotent. The clients given to the builder are not closed.
     *
     * @throws IllegalStateException if the thread did not end within a minute of being asked (the
     *     function is stuck), after interrupting it
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (lock) {
            closing = true;
            thread = poller;
            lock.notifyAll();
        }
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(30).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the runner's thread did not end: the function did not return");
        }
    }

    /**
     * One pass over the stream: every shard whose parent is done, each read until it caught up, the
     * children of a shard that finished during the pass included. The shards take turns, one step
     * (an invocation or a discard) each per round, so that a shard whose batch keeps failing does
     * not hold up the others: Lambda reads the shards of a stream independently. A shard whose
     * records are not due yet (a batching window) is passed over for that round; when none is due,
     * the pass waits for the earliest.
     */
    private Simulation pass(Function<DynamodbEvent, StreamsEventResponse> function) {
        AtomicInteger numbers = new AtomicInteger(delivered().invocations().size());
        EventSourceMapping.Log log = new EventSourceMapping.Log();
        Map<StreamShardSource, EventSourceMapping.Run> active = new LinkedHashMap<>();
        Set<String> started = new HashSet<>();
        Instant finishedAt = clock.now();
        startReady(active, started, function, numbers, log);
        Instant now = clock.now();
        while (!active.isEmpty() && !closing) {
            boolean stepped = false;
            boolean finishedShard = false;
            Instant wake = null;
            for (Iterator<Map.Entry<StreamShardSource, EventSourceMapping.Run>> it =
                            active.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<StreamShardSource, EventSourceMapping.Run> entry = it.next();
                EventSourceMapping.Run run = entry.getValue();
                Instant due = run.due(now);
                if (due == null) {
                    it.remove();
                    finishedAt = run.finishedAt().isAfter(finishedAt) ? run.finishedAt() : finishedAt;
                    finishedShard |= entry.getKey().finished();
                } else if (due.isAfter(now)) {
                    wake = wake == null || due.isBefore(wake) ? due : wake;
                } else {
                    run.step();
                    stepped = true;
                }
            }
            if (finishedShard) {
                startReady(active, started, function, numbers, log);
            }
            Instant woke = clock.waitUntil(stepped || wake == null ? now : wake);
            if (woke == null) {
                break; // closing: what was read but not invoked stays unprocessed
            }
            now = woke;
        }
        for (EventSourceMapping.Run run : active.values()) {
            finishedAt = run.finishedAt().isAfter(finishedAt) ? run.finishedAt() : finishedAt;
        }
        return log.toSimulation(finishedAt);
    }

    /** Starts a run for each shard that is ready and was not read yet in this pass. */
    private void startReady(
            Map<StreamShardSource, EventSourceMapping.Run> active,
            Set<String> started,
            Function<DynamodbEvent, StreamsEventResponse> function,
            AtomicInteger numbers,
            EventSourceMapping.Log log) {
        for (StreamShardSource shard : readyShards()) {
            if (started.add(shard.shardId())) {
                shard.resume();
                active.put(
                        shard,
                        new EventSourceMapping(settings.withShardId(shard.shardId()))
                                .start(shard, clock, function, numbers::incrementAndGet, log));
            }
        }
    }

    /**
     * The shards that may be read now, parents before children: "you must process a parent shard
     * before you process a child shard" (DynamoDB Streams developer guide, "Reading and processing a
     * stream"). A shard whose parent is not in the stream any more (trimmed after 24 hours) is ready.
     */
    private List<StreamShardSource> readyShards() {
        Map<String, String> parents = new LinkedHashMap<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse response =
                    streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from));
            for (Shard shard : response.streamDescription().shards()) {
                parents.put(shard.shardId(), shard.parentShardId());
            }
            start = response.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        List<StreamShardSource> ready = new ArrayList<>();
        Set<String> listed = new HashSet<>(parents.keySet());
        for (Map.Entry<String, String> entry : parents.entrySet()) {
            StreamShardSource shard = shards.computeIfAbsent(
                    entry.getKey(), id -> new StreamShardSource(streams, streamArn, id, timeToLiveDeletes));
            String parent = entry.getValue();
            boolean parentDone = parent == null
                    || !listed.contains(parent)
                    || shards.containsKey(parent) && shards.get(parent).finished();
            if (parentDone && !shard.finished()) {
                ready.add(shard);
            }
        }
        return ready;
    }

    private Simulation empty() {
        return new Simulation(List.of(), List.of(), List.of(), List.of(), List.of(), clock.now());
    }

    @Override
    public String toString() {
        return "LocalStreamRunner[" + streamArn + "]";
    }

    /**
     * Configures a {@link LocalStreamRunner}: where the stream is, and the event source mapping's
     * settings, which are those of {@link EventSourceMappingSimulator.Builder} with the same
     * defaults (Lambda's). Not thread-safe.
     */
    public static final class Builder extends MappingSettingsBuilder<Builder> {
        private DynamoDbStreamsClient streams;
        private String streamArn;
        private DynamoDbClient dynamoDb;
        private String tableName;
        private MappingClock clock;
        private Predicate<ChangeRecord> timeToLiveDeletes;

        private Builder() {}

        /**
         * Delivers the REMOVE records this accepts as deletes by DynamoDB's Time to Live, with the
         * {@code userIdentity} DynamoDB writes on those ({@link UserIdentity#TIME_TO_LIVE}). For
         * endpoints that never expire items, such as moto: delete the item yourself and say here
         * which deletes stand for expiries, to see how a function treats them.
         *
         * <pre>{@code
         * dynamoDb.deleteItem(r -> r.tableName("Orders").key(Map.of("id", AttributeValue.fromS("o-3"))));
         * LocalStreamRunner runner = LocalStreamRunner.builder()
         *         .streams(aws.dynamoDbStreams())
         *         .table(dynamoDb, "Orders")
         *         .timeToLiveDeletes(r -> r.keys().equals(Map.of("id", AttributeValue.s("o-3"))))
         *         .build();
         * }</pre>
         */
        public Builder timeToLiveDeletes(Predicate<ChangeRecord> expired) {
            this.timeToLiveDeletes = Objects.requireNonNull(expired, "expired");
            return this;
        }

        /**
         * The mapping's clock instead of the wall clock: for the testkit's own tests, which run the
         * rules on a real stream but on simulated time (windows, record ages) so that they repeat.
         */
        Builder clock(MappingClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The DynamoDB Streams client to read with, e.g. {@link LocalAws#dynamoDbStreams()}. Required. */
        public Builder streams(DynamoDbStreamsClient streams) {
            this.streams = Objects.requireNonNull(streams, "streams");
            return this;
        }

        /** The stream to read, by ARN. Give this or {@link #table}. */
        public Builder streamArn(String streamArn) {
            this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
            return this;
        }

        /** The stream to read: the table's latest stream, looked up in {@link #build()}. Give this or {@link #streamArn}. */
        public Builder table(DynamoDbClient dynamoDb, String tableName) {
            this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /**
         * Builds the runner; with {@link #table}, looks up the table's stream.
         *
         * @throws IllegalArgumentException if a setting is outside what Lambda accepts
         * @throws IllegalStateException if no streams client or no stream was given, both a stream
         *     and a table were, or the table has no stream enabled
         */
        public LocalStreamRunner build() {
            if (streams == null) {
                throw new IllegalStateException("no streams client: call streams(LocalAws.dynamoDbStreams())");
            }
            if ((streamArn == null) == (tableName == null)) {
                throw new IllegalStateException(
                        streamArn == null
                                ? "no stream: call streamArn(arn) or table(dynamoDb, name)"
                                : "both streamArn [" + streamArn + "] and table [" + tableName
                                        + "] were given; give one");
            }
            MappingSettings settings = settings("");
            String arn = streamArn;
            if (arn == null) {
                arn = dynamoDb.describeTable(r -> r.tableName(tableName))
                        .table()
                        .latestStreamArn();
                if (arn == null) {
                    throw new IllegalStateException("table [" + tableName
                            + "] has no stream: create it with a StreamSpecification (StreamEnabled, StreamViewType)");
                }
            }
            return new LocalStreamRunner(streams, arn, settings, clock, timeToLiveDeletes);
        }
    }
}
