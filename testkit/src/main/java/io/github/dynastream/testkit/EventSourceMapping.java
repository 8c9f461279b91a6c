package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The rules of Lambda's event source mapping for one DynamoDB stream shard: how records become
 * batches, how a result moves the checkpoint, when a batch is retried, split or discarded, and what
 * is recorded. It reads whatever {@link ShardSource} it is given on whatever {@link MappingClock}, so
 * the same rules serve the simulator and a runner against a real stream. Each rule below names the
 * page of the AWS Lambda Developer Guide that states it; where the pages say nothing, the rule is
 * marked as our choice, with the reason. The same list, with the test of each rule, is in {@code
 * docs/testing.md} ("Lambda's rules in the simulator and the runner"), and in short in the public
 * {@link EventSourceMappingSimulator} documentation.
 *
 * <ul>
 *   <li><b>Order and batches.</b> Records are read in stream order, at most {@code BatchSize} (default
 *       100, at most 10,000) at a time, and a batch's successor is read only once the batch is done
 *       (succeeded or discarded). https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html ("Lambda
 *       reads records in batches"), https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
 *       (defaults and limits).
 *   <li><b>Retries.</b> A function error (the function threw) retries the whole batch; so does any
 *       failure Lambda treats as complete (see {@code Run#judge}). Retries go on until the records
 *       expire, pass {@code MaximumRecordAgeInSeconds}, or reach {@code MaximumRetryAttempts}; then
 *       Lambda discards them and continues with the next batch.
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html ("If the function
 *       is invoked but returns an error, Lambda retries until the records expire, exceed the maximum
 *       age ..., or reach the configured retry quota"; "If the error handling measures fail, Lambda
 *       discards the records and continues processing batches from the stream").
 *   <li><b>Retry count across a moving checkpoint.</b> Not documented — our choice: every retry of
 *       the records of one batch counts, also after a partial failure moved the checkpoint, because
 *       the records retried are still that batch's; the count starts at 0 for the next batch.
 *   <li><b>Retry timing.</b> Not documented — our choice: a retry starts as soon as the failed
 *       invocation ended, with no backoff, so that tests do not wait for a delay we would invent.
 *   <li><b>Bisect.</b> With {@code BisectBatchOnFunctionError}, a batch of more than one record whose
 *       invocation failed is split in two halves, the first processed before the second, and
 *       splitting consumes no retries; the halves keep the retries the batch had used.
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html ("splits a failed
 *       batch into two smaller batches ... Splitting batches doesn't consume the retry quota"),
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html ("If
 *       your invocation fails and BisectBatchOnFunctionError is turned on, the batch is bisected
 *       regardless of your ReportBatchItemFailures setting"). A partial failure is not split: "the
 *       batch is bisected at the returned sequence number and Lambda retries only the remaining
 *       records" (same page), which is a retry from the checkpoint. Whether an invalid response
 *       (a complete failure without an error) is bisected is not documented — our choice: it is,
 *       because Lambda treats it as a failure of the whole batch, like an error.
 *   <li><b>Age.</b> Records older than {@code MaximumRecordAgeInSeconds} are discarded (condition
 *       {@code RecordAgeExceeded}): https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
 *       (Lambda retries until the records "exceed the maximum age"),
 *       https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html ("Discard
 *       records older than the specified age"). Which records of a batch go is not documented — our
 *       choice: before each invocation only the records at the head of the batch that are past the
 *       age are discarded, and the rest of the batch is invoked, because the age is each record's
 *       own and the records behind them were written later.
 *   <li><b>The 24-hour expiry.</b> A DynamoDB stream keeps records for 24 hours
 *       (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html: "The data retention
 *       limit for DynamoDB Streams is 24 hours"), so a record older than that is gone whatever
 *       {@code MaximumRecordAgeInSeconds} says. What the mapping does with such a record is not
 *       documented — our choice: it is discarded like a record past the maximum age, with condition
 *       {@code RecordAgeExceeded}, so that a test sees the loss instead of a silent gap.
 *   <li><b>Payload.</b> A batch is cut so that its event JSON stays within 6 MB ({@link
 *       #PAYLOAD_LIMIT_BYTES}).
 *   <li><b>Write times and the batching window.</b> A batch holds only records already written, and
 *       is gathered for up to {@code MaximumBatchingWindowInSeconds} ({@code Lane#dueAt}).
 *   <li><b>Parallelization.</b> Up to {@code ParallelizationFactor} batches of the shard are in flight
 *       at once, each item's changes in order ({@code Run#laneOf}).
 *   <li><b>Shards.</b> A run is one shard; Lambda reads the shards of a stream independently. How a
 *       single-threaded driver interleaves them is our choice: the {@link LocalStreamRunner} steps
 *       the runs of its shards in turn, one invocation each per round ({@link Run#due}, {@link
 *       Run#step}), so that one shard's retries do not hold up the others.
 *   <li><b>The on-failure destination</b> receives a JSON document of metadata about each discarded
 *       batch, and an S3 destination the batch too ({@link FailureDestinationRecord}, {@link
 *       DestinationType}): "Each record sent to the destination is a JSON document containing
 *       metadata about the failed invocation. For Amazon S3 destinations, Lambda also sends the
 *       entire invocation record along with the metadata"
 *       (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 * </ul>
 *
 * <p>Immutable and thread-safe; a run is single-threaded and belongs to the thread that started it.
 */
final class EventSourceMapping {
    static final Duration STREAM_RETENTION = Duration.ofHours(24);

    /**
     * How often a source that cannot say when its next record comes is asked again: "Lambda polls
     * shards in your DynamoDB stream for records at a base rate of 4 times per second"
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). A simulated shard always knows,
     * so it never waits on this.
     */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final MappingSettings settings;

    EventSourceMapping(MappingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads the source until it is exhausted and every record it gave was processed or discarded,
     * starting at the clock's {@link MappingClock#now()}.
     *
     * @throws IllegalStateException if the run needs more than the maximum number of invocations
     */
    Simulation run(ShardSource source, MappingClock clock, Function<DynamodbEvent, StreamsEventResponse> function) {
        Log log = new Log();
        Run run = start(source, clock, function, new AtomicInteger()::incrementAndGet, log);
        Instant now = clock.now();
        while (true) {
            Instant due = run.due(now);
            if (due == null) {
                break;
            }
            if (due.isAfter(now)) {
                now = clock.waitUntil(due);
                if (now == null) {
                    break; // the runner is closing: what was read but not invoked stays unprocessed
                }
            } else {
                run.step();
            }
        }
        return log.toSimulation(run.finishedAt());
    }

    /**
     * A run over one source that its caller steps, so that several shards' runs can take turns on
     * one thread ({@link LocalStreamRunner}); it records into {@code log}, which runs may share, and
     * numbers its invocations with {@code numbers}.
     */
    Run start(
            ShardSource source,
            MappingClock clock,
            Function<DynamodbEvent, StreamsEventResponse> function,
            IntSupplier numbers,
            Log log) {
        return new Run(source, clock, clock.now(), function, numbers, log);
    }

    /** What runs read, invoked, discarded and ignored, in the order it happened. Not thread-safe. */
    static final class Log {
        private final List<ChangeRecord> read = new ArrayList<>();
        private final List<Invocation> invocations = new ArrayList<>();
        private final List<FailureDestinationRecord> destination = new ArrayList<>();
        private final List<IgnoredItemFailures> ignored = new ArrayList<>();
        private final List<ChangeRecord> discarded = new ArrayList<>();

        Simulation toSimulation(Instant finishedAt) {
            return new Simulation(read, invocations, destination, discarded, ignored, finishedAt);
        }
    }

    /**
     * Invocation payloads are capped: "Before invoking the function, Lambda continues to read records
     * from the event source until it has gathered a full batch, the batching window expires, or the
     * batch reaches the payload limit of 6 MB" (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html);
     * "Lambda passes all of the records in the batch to the function in a single call, up to the
     * payload limit for synchronous invocation (6 MB)" (BatchSize,
     * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html). The size is
     * that of the event JSON the function receives, as the testkit writes it ({@link LambdaEvents}).
     * Which megabyte is not documented — our choice: 6 × 1024 × 1024 bytes, the figure of Lambda's
     * own RequestEntityTooLargeException ("Request must be smaller than 6291456 bytes for the
     * InvokeFunction operation").
     */
    static final long PAYLOAD_LIMIT_BYTES = 6L * 1024 * 1024;

    /** The bytes of an event without records: {@code {"Records":[]}}. */
    private static final int EMPTY_EVENT_BYTES = LambdaEvents.toJson(List.of()).length;

    /** A record read from the source, with the bytes it adds to an event's JSON. */
    private record Entry(ShardRecord written, int bytes) {
        ChangeRecord record() {
            return written.record();
        }
    }

    /** A batch under way: records that failed and wait for a retry, or a half of a bisected batch. */
    private record Segment(List<Entry> records, int retries, int invokes) {
        Segment {
            records = List.copyOf(records);
        }
    }

    /** One call of the function: what it was given, before the mapping judged the result. */
    private record Call(int number, Instant at, int lane, List<ChangeRecord> batch, long payloadBytes, int retries) {
        Invocation judged(
                Invocation.Outcome outcome,
                StreamsEventResponse response,
                Throwable error,
                String checkpoint,
                String reason) {
            return new Invocation(
                    number, at, batch, payloadBytes, retries, outcome, response, error, checkpoint, reason, lane);
        }
    }

    /** The size of the event JSON holding these records: the records, their commas, the envelope. */
    private static long payloadBytes(List<Entry> records) {
        long bytes = EMPTY_EVENT_BYTES + Math.max(0, records.size() - 1);
        for (Entry record : records) {
            bytes += record.bytes();
        }
        return bytes;
    }

    /**
     * The state of one run over one source: its time, its lanes, and the log it records into. Its
     * driver asks {@link #due} when it next has something to do and calls {@link #step} when that
     * time has come; the run never waits itself.
     */
    final class Run {
        private final ShardSource source;
        private final MappingClock clock;
        private final Function<DynamodbEvent, StreamsEventResponse> function;
        private final IntSupplier numbers;
        private final Log log;
        private final List<Invocation> invocations = new ArrayList<>();
        private final Lane[] lanes;
        private Lane next;
        private Instant now;

        private Run(
                ShardSource source,
                MappingClock clock,
                Instant start,
                Function<DynamodbEvent, StreamsEventResponse> function,
                IntSupplier numbers,
                Log log) {
            this.source = Objects.requireNonNull(source, "source");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.function = Objects.requireNonNull(function, "function");
            this.numbers = Objects.requireNonNull(numbers, "numbers");
            this.log = Objects.requireNonNull(log, "log");
            this.now = Objects.requireNonNull(start, "start");
            this.lanes = new Lane[settings.parallelizationFactor()];
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new Lane(i, start);
            }
        }

        /**
         * Moves the run to {@code at} (never back), reads what the source has by then, and says when
         * the run next has something to do: {@code at} itself if a batch is due (call {@link
         * #step}), a later time to wait for (a window, a retry after an invocation in flight, the next
         * write or poll), or null once the source is exhausted and every record it gave is done.
         */
        Instant due(Instant at) {
            if (at.isAfter(now)) {
                now = at;
            }
            for (ShardRecord record : source.read(now)) {
                log.read.add(record.record());
                int bytes = LambdaEvents.toJson(List.of(record.record())).length - EMPTY_EVENT_BYTES;
                lanes[laneOf(record.record())].add(new Entry(record, bytes));
            }
            // The lane whose batch has been due longest goes first (lanes due together in lane
            // order), so that on a clock that moves during invocations a retrying lane cannot keep
            // the others waiting.
            next = null;
            Instant due = null;
            for (Lane lane : lanes) {
                Instant laneDue = lane.dueAt();
                if (laneDue != null && (due == null || laneDue.isBefore(due))) {
                    next = lane;
                    due = laneDue;
                }
            }
            if (next != null && !due.isAfter(now)) {
                return now;
            }
            next = null;
            Instant wake = earliest(due, source.nextWrite().orElse(null));
            if (wake == null && !source.exhausted() || due != null && source.live()) {
                // A live source is read while a batch waits, as Lambda "continues to read records
                // from the event source until it has gathered a full batch, the batching window
                // expires, or the batch reaches the payload limit" (with-ddb).
                wake = earliest(wake, now.plus(POLL_INTERVAL));
            }
            return wake;
        }

        /**
         * One invocation (or discard) of the batch that {@link #due} found due.
         *
         * @throws IllegalStateException if nothing is due, or the run needs more than the maximum
         *     number of invocations
         */
        void step() {
            if (next == null) {
                throw new IllegalStateException("no batch is due at " + now + "; ask due(...) first");
            }
            Lane lane = next;
            next = null;
            step(lane);
        }

        /** When the run's last invocation ended, or its time if that is later. */
        Instant finishedAt() {
            Instant finished = now;
            for (Lane lane : lanes) {
                finished = lane.freeAt.isAfter(finished) ? lane.freeAt : finished;
            }
            return finished;
        }

        /**
         * {@code ParallelizationFactor} (1 to 10, default 1): "Concurrently process multiple batches
         * from the same shard", and "When you increase the number of concurrent batches per shard,
         * Lambda still ensures in-order processing at the item (partition and sort key) level"
         * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html; the limits in
         * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html). How Lambda keeps
         * that order is not documented — our choice: each item (its whole key) always belongs to the
         * same lane, chosen by a hash of the key, and a lane has one batch in flight at a time, so an
         * item's changes are never processed concurrently nor out of order, while items of other
         * lanes go on. A failing batch holds up only its own lane, which is all the page promises.
         * Lanes are not threads: the run is a deterministic interleaving on the simulated clock,
         * lanes due at the same time invoking in lane order, their invocations sharing a start time.
         */
        private int laneOf(ChangeRecord record) {
            int hash = record.keys().hashCode() * 0x9E3779B9;
            return Math.floorMod(hash ^ (hash >>> 16), lanes.length);
        }

        /** One invocation (or discard) on the lane, at {@link #now}. */
        private void step(Lane lane) {
            Segment segment = lane.work.isEmpty() ? new Segment(lane.takeBatch(), 0, 0) : lane.work.pop();
            int aged = agedPrefix(segment.records());
            if (aged > 0) {
                discard(
                        segment.records().subList(0, aged),
                        FailureDestinationRecord.RECORD_AGE_EXCEEDED,
                        segment.invokes(),
                        now);
                if (aged == segment.records().size()) {
                    return;
                }
                segment = new Segment(
                        segment.records().subList(aged, segment.records().size()),
                        segment.retries(),
                        segment.invokes());
            }
            Invocation invocation = invoke(lane, segment);
            lane.freeAt = clock.invocationEnded(now);
            int invokes = segment.invokes() + 1;
            List<Entry> remaining = segment.records();
            switch (invocation.outcome()) {
                case SUCCEEDED -> {
                    return;
                }
                case PARTIAL_FAILURE ->
                    remaining = remaining.subList(indexOf(invocation.checkpoint(), remaining), remaining.size());
                case FUNCTION_ERROR, INVALID_RESPONSE -> {
                    if (settings.bisectBatchOnFunctionError() && remaining.size() > 1) {
                        int middle = remaining.size() / 2;
                        lane.work.push(
                                new Segment(remaining.subList(middle, remaining.size()), segment.retries(), invokes));
                        lane.work.push(new Segment(remaining.subList(0, middle), segment.retries(), invokes));
                        return;
                    }
                }
            }
            if (settings.maximumRetryAttempts() >= 0 && segment.retries() >= settings.maximumRetryAttempts()) {
                discard(remaining, FailureDestinationRecord.RETRY_ATTEMPTS_EXHAUSTED, invokes, lane.freeAt);
                return;
            }
            lane.work.push(new Segment(remaining, segment.retries() + 1, invokes));
        }

        private int agedPrefix(List<Entry> records) {
            Duration limit = settings.maximumRecordAge() != null
                            && settings.maximumRecordAge().compareTo(STREAM_RETENTION) < 0
                    ? settings.maximumRecordAge()
                    : STREAM_RETENTION;
            int aged = 0;
            for (Entry record : records) {
                if (Duration.between(record.written().writtenAt(), now).compareTo(limit) <= 0) {
                    break;
                }
                aged++;
            }
            return aged;
        }

        private Invocation invoke(Lane lane, Segment segment) {
            if (invocations.size() >= settings.maximumInvocations()) {
                throw new IllegalStateException("the run of shard [" + settings.shardId() + "] needed more than "
                        + settings.maximumInvocations()
                        + " invocations; the function keeps failing (last: " + invocations.get(invocations.size() - 1)
                        + "). Set maximumRetryAttempts or maximumRecordAge, or raise maximumInvocations");
            }
            Call call = new Call(
                    numbers.getAsInt(),
                    now,
                    lane.number,
                    segment.records().stream().map(Entry::record).toList(),
                    payloadBytes(segment.records()),
                    segment.retries());
            Invocation invocation;
            try {
                StreamsEventResponse response = function.apply(LambdaEvents.toDynamodbEvent(call.batch()));
                invocation = judge(call, response);
            } catch (AssertionError | VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                invocation = call.judged(Invocation.Outcome.FUNCTION_ERROR, null, error, null, null);
            }
            invocations.add(invocation);
            log.invocations.add(invocation);
            return invocation;
        }

        /**
         * What the mapping makes of a response
         * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html).
         *
         * <p>Without {@code ReportBatchItemFailures} (Lambda's default: {@code FunctionResponseTypes}
         * has no default, https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html) a
         * response is not read at all: "Even when your function code returns partial batch failure
         * responses, these responses will not be processed by Lambda unless the
         * ReportBatchItemFailures feature is explicitly turned on for your event source mapping". An
         * invocation that returns is then a success, and Lambda checkpoints past the whole batch
         * ("by default Lambda checkpoints to the highest sequence number of a batch only when the
         * batch is a complete success"). Reported failures are recorded as {@link
         * IgnoredItemFailures}, since their records are lost.
         *
         * <p>With it:
         *
         * <ul>
         *   <li>A complete success: "An empty batchItemFailure list", "A null batchItemFailure
         *       list", "An empty EventResponse", "A null EventResponse".
         *   <li>A complete failure: "An empty string itemIdentifier", "A null itemIdentifier", "An
         *       itemIdentifier with a bad key name". An identifier that is well formed but names no
         *       record of the batch is not documented — our choice: a complete failure too, because
         *       Lambda cannot checkpoint at a record it did not send, and retrying the whole batch
         *       loses nothing.
         *   <li>Otherwise a partial failure: "If the batchItemFailures array contains multiple
         *       items, Lambda uses the record with the lowest sequence number as the checkpoint.
         *       Lambda then retries all records starting from that checkpoint."
         * </ul>
         */
        private Invocation judge(Call call, StreamsEventResponse response) {
            Invocation success = call.judged(Invocation.Outcome.SUCCEEDED, response, null, null, null);
            if (response == null
                    || response.getBatchItemFailures() == null
                    || response.getBatchItemFailures().isEmpty()) {
                return success;
            }
            Invocation reported = judgeFailures(call, response);
            if (settings.reportBatchItemFailures()) {
                return reported;
            }
            List<ChangeRecord> batch = call.batch();
            List<ChangeRecord> lost = reported.outcome() == Invocation.Outcome.PARTIAL_FAILURE
                    ? batch.subList(reported.sequenceNumbers().indexOf(reported.checkpoint()), batch.size())
                    : batch;
            List<String> identifiers = new ArrayList<>();
            for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                identifiers.add(failure == null ? null : failure.getItemIdentifier());
            }
            log.ignored.add(new IgnoredItemFailures(success, identifiers, lost));
            return success;
        }

        /** A response that reports failures, read as Lambda reads it with ReportBatchItemFailures. */
        private Invocation judgeFailures(Call call, StreamsEventResponse response) {
            List<ChangeRecord> batch = call.batch();
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
                    return call.judged(Invocation.Outcome.INVALID_RESPONSE, response, null, null, reason);
                }
                lowest = Math.min(lowest, position);
            }
            return call.judged(
                    Invocation.Outcome.PARTIAL_FAILURE,
                    response,
                    null,
                    batch.get(lowest).sequenceNumber(),
                    null);
        }

        private int indexOf(String sequenceNumber, List<Entry> records) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).record().sequenceNumber().equals(sequenceNumber)) {
                    return i;
                }
            }
            throw new IllegalStateException("checkpoint " + sequenceNumber + " is not in the batch");
        }

        private void discard(List<Entry> records, String condition, int invokes, Instant at) {
            records.forEach(entry -> log.discarded.add(entry.record()));
            ChangeRecord first = records.get(0).record();
            ChangeRecord last = records.get(records.size() - 1).record();
            log.destination.add(new FailureDestinationRecord(
                    condition,
                    invokes,
                    at,
                    settings.functionArn(),
                    settings.shardId(),
                    first.eventSourceArn().orElse(null),
                    first.sequenceNumber(),
                    last.sequenceNumber(),
                    records.get(0).written().writtenAt(),
                    records.get(records.size() - 1).written().writtenAt(),
                    records.size(),
                    settings.destinationType(),
                    settings.destinationType() == DestinationType.S3
                            ? records.stream().map(Entry::record).toList()
                            : List.of()));
        }
    }

    /**
     * The records of the shard that one batch at a time is made of, and the batch under way: one of
     * {@code ParallelizationFactor} streams of batches that run concurrently. With one lane, the
     * whole shard.
     */
    private final class Lane {
        private final int number;
        private final Deque<Entry> waiting = new ArrayDeque<>();
        private final Deque<Segment> work = new ArrayDeque<>();
        private long waitingBytes;
        private Instant freeAt;

        Lane(int number, Instant start) {
            this.number = number;
            this.freeAt = start;
        }

        void add(Entry entry) {
            waiting.add(entry);
            waitingBytes += entry.bytes();
        }

        /**
         * When the lane next has something to do, if anything; a time already past means now.
         *
         * <p>A batch under way (a retry, a bisected half) goes as soon as the previous invocation
         * ended. Not documented — our choice: a retry does not wait for a batching window, because
         * its records were already gathered.
         *
         * <p>A new batch is gathered for up to {@code MaximumBatchingWindowInSeconds}: "By default,
         * Lambda invokes your function as soon as records are available. ... Before invoking the
         * function, Lambda continues to read records from the event source until it has gathered a
         * full batch, the batching window expires, or the batch reaches the payload limit of 6 MB"
         * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). The window begins when the
         * previous invocation completed: "If you configure a MaximumBatchingWindowInSeconds, the next
         * batching window begins as soon as the previous function invocation completes"
         * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html, "Batching
         * behavior"). The first window begins when the run starts — not documented, our choice, since
         * there is no previous invocation. A window that expired before any record came means the
         * next record is sent as soon as it is written, which follows from the rule.
         */
        Instant dueAt() {
            if (!work.isEmpty()) {
                return freeAt;
            } else if (waiting.isEmpty()) {
                return null;
            } else if (full()) {
                return freeAt;
            } else {
                return freeAt.plus(settings.maximumBatchingWindow());
            }
        }

        /** Whether the waiting records fill a batch, by count or by payload. */
        private boolean full() {
            return waiting.size() >= settings.batchSize()
                    || EMPTY_EVENT_BYTES + waitingBytes + waiting.size() - 1 >= PAYLOAD_LIMIT_BYTES;
        }

        /**
         * The next batch: as many waiting records as {@code BatchSize} allows and fit the payload
         * limit. A record that alone exceeds the limit cannot come from DynamoDB (an item is at most
         * 400 KB); what Lambda would do with one is not documented — our choice: it goes alone, so
         * that the shard moves on and the test sees the invocation.
         */
        List<Entry> takeBatch() {
            List<Entry> batch = new ArrayList<>();
            long bytes = EMPTY_EVENT_BYTES;
            while (!waiting.isEmpty() && batch.size() < settings.batchSize()) {
                long next = bytes + waiting.peek().bytes() + (batch.isEmpty() ? 0 : 1);
                if (!batch.isEmpty() && next > PAYLOAD_LIMIT_BYTES) {
                    break;
                }
                Entry entry = waiting.poll();
                waitingBytes -= entry.bytes();
                batch.add(entry);
                bytes = next;
            }
            return batch;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
