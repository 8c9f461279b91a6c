package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.internal.BatchLogger;
import io.github.dynastream.internal.BatchRunner;
import io.github.dynastream.internal.Dispatcher;
import io.github.dynastream.internal.HandlerScanner;
import io.github.dynastream.internal.InvocationContext;
import io.github.dynastream.internal.Primer;
import io.github.dynastream.internal.RunOptions;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.JacksonItemMapper;
import io.github.dynastream.source.DynamodbEventSource;
import io.github.dynastream.source.EventJsonSource;
import io.github.dynastream.source.KinesisEventSource;
import io.github.dynastream.source.ResponseAdapter;
import io.github.dynastream.source.SourceBatch;
import io.github.dynastream.source.StreamsEventResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Processes DynamoDB stream batches with annotated handler methods: the entry point of dynastream.
 * It reads batches from DynamoDB Streams (raw event JSON, {@code DynamodbEvent}), EventBridge Pipes
 * and Kinesis Data Streams for DynamoDB ({@code KinesisEvent}, raw Kinesis event JSON), and any
 * other source through {@link #processRecords(List)} (see {@link io.github.dynastream.source}).
 *
 * <pre>{@code
 * public class Handler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
 *     private static final StreamProcessor PROCESSOR =
 *             StreamProcessor.builder().handler(new OrderEvents()).build();
 *
 *     public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
 *         return PROCESSOR.process(event);
 *     }
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Records run one at a time in batch order. Processing stops at the first record that fails
 *       (a handler throws, an image cannot be mapped or is missing); the response names exactly that
 *       record's sequence number and no later record is invoked, so per-item order holds when Lambda
 *       retries from there. An empty response means every record succeeded.
 *   <li>For each record, the methods registered for its event name run in this order: handlers in
 *       the order they were passed to {@link Builder#handler(Object)}; within one handler, methods
 *       by name, then by parameter types. The first exception ends the record.
 *   <li>A record no method wants succeeds. Images are decoded and mapped only when a called method
 *       needs them, once per record and item type.
 *   <li>Input that is not a DynamoDB stream event throws {@link MalformedEventException}; it never
 *       yields an empty success. On Kinesis, a record whose payload is not a DynamoDB change record
 *       fails that record instead (the response names its sequence number; the records before it
 *       run), as a record the response can name need not hold up the ones before it.
 *   <li>Failures are logged at WARN through SLF4J with eventID, sequence number and key attributes;
 *       image attribute values are never logged. One INFO line per batch gives the counts.
 *   <li>With an {@link IdempotencyStore}, a record completed before is skipped, and a record another
 *       live invocation is running fails (Lambda retries it later); with a {@link RetryPolicy},
 *       transient exceptions are retried in process; with a dead-letter policy, a record that failed
 *       too often goes to the {@link DeadLetterSink} and the shard moves on.
 *   <li>In parallel mode ({@link Builder#parallelism(int)}), records of different partition keys run
 *       at the same time; each key's records keep their order and stop at the key's first failure;
 *       the response names the failed record that comes first in the batch.
 * </ul>
 *
 * <h2>Limits on input</h2>
 *
 * <p>An invocation can carry any JSON: a replay, a hand-written test event, a producer that is not
 * DynamoDB. dynastream bounds what it reads, so input never makes it hang or run out of stack:
 *
 * <ul>
 *   <li><b>Attribute nesting.</b> An image whose maps and lists nest deeper than {@link
 *       Builder#maxNestingDepth(int)} fails its record with {@link MalformedAttributeException} when
 *       it is read, naming the attribute's path. The default is DynamoDB's own quota, 32: "DynamoDB
 *       supports nested attributes up to 32 levels deep" (<a
 *       href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html">Service,
 *       account, and table quotas in Amazon DynamoDB</a>). A top-level attribute is level 1 and each
 *       map or list adds a level for what it holds: at 32, a path such as {@code a.b[0].c} has at
 *       most 32 steps. Both {@code process(DynamodbEvent)} and {@code process(InputStream)} enforce
 *       it, wherever an image is decoded or mapped; an image nobody reads is not checked, as it is
 *       not decoded.
 *   <li><b>Event JSON</b> ({@code process(InputStream)}) is read under jackson-core's {@link
 *       com.fasterxml.jackson.core.StreamReadConstraints}, of which dynastream sets none: by default
 *       1,000 levels of nesting, numbers of 1,000 characters, strings of 20,000,000 characters, field
 *       names of 50,000 characters, no limit on document length or token count ({@code
 *       StreamReadConstraints.overrideDefaultStreamReadConstraints} changes them for the whole JVM,
 *       and then here too). Skipping an image by scanning its bytes accepts nothing these limits
 *       reject. A violation fails the whole event with {@link MalformedEventException} naming the
 *       record, field, line and column: the parser cannot go on past it. The event is read into
 *       memory whole; Lambda's payload quota bounds its size.
 *   <li><b>Mapping.</b> {@link JacksonItemMapper#defaultObjectMapper()} keeps Jackson's default
 *       constraints too; an {@code ObjectMapper} you pass keeps yours. Item readers never get an
 *       image from an event nested beyond the limit. Images you build yourself and pass to {@link
 *       #processRecords(List)} are not checked.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; build one per function, in a static field, and reuse
 * it for every invocation.
 */
// Context (aws-lambda-java-core) is an optional dependency, required static: see module-info.java.
@SuppressWarnings("exports")
public final class StreamProcessor {
    private static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    private static final int DEFAULT_MAX_NESTING_DEPTH = 32;
    /**
     * Every reader of an image (ours, Jackson's, the Enhanced Client's converters, handler code)
     * recurses over its maps and lists: 100 levels stay well within a default thread stack, and their
     * 200 JSON levels well within jackson-core's 1,000, so the attribute limit is the one reached.
     */
    private static final int MAX_NESTING_DEPTH_LIMIT = 100;

    private final BatchRunner runner;
    private final EventJsonSource jsonSource;
    private final DynamodbEventSource eventSource;
    private final KinesisEventSource kinesisSource;
    private final Dispatcher dispatcher;
    private final Duration idempotencyLease;
    private final Clock clock;
    private final int maxNestingDepth;
    private final Primer primer;
    /** The CRaC resource that primes before a checkpoint; held here because CRaC holds it weakly. */
    private final Object checkpointPriming;

    private StreamProcessor(Builder b, Dispatcher dispatcher, BatchRunner runner) {
        this.dispatcher = dispatcher;
        this.runner = runner;
        this.maxNestingDepth = b.maxNestingDepth;
        this.jsonSource = EventJsonSource.create(dispatcher, maxNestingDepth);
        this.eventSource = DynamodbEventSource.create(maxNestingDepth);
        this.kinesisSource = KinesisEventSource.create(jsonSource);
        this.idempotencyLease = b.idempotencyLease;
        this.clock = b.clock;
        this.primer = new Primer(dispatcher);
        this.checkpointPriming = b.primeBeforeCheckpoint ? registerCheckpointPriming() : null;
    }

    private Object registerCheckpointPriming() {
        try {
            return Class.forName("io.github.dynastream.internal.CheckpointPriming")
                    .getMethod("register", Runnable.class)
                    .invoke(null, (Runnable) this::prime);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Registering priming with org.crac failed", e);
        }
    }

    /** The CRaC resource registered by {@link Builder#primeBeforeCheckpoint()}, or null (for tests). */
    Object checkpointPriming() {
        return checkpointPriming;
    }

    /**
     * An owner for the leases of an invocation without a Lambda request id: unique, not secret, so it
     * does not need {@code SecureRandom}, whose seeding would cost a cold start tens of milliseconds.
     * The generator's state is the same in every environment Lambda SnapStart restores from one
     * snapshot, so the clock's nanoseconds, read at the call, are mixed in: two environments draw the
     * same owner only if they ask in the same nanosecond with the same generator state.
     */
    private static String newOwner() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long now = System.nanoTime();
        return new UUID(
                        random.nextLong() ^ now,
                        random.nextLong() ^ Long.rotateLeft(now, 32) ^ System.currentTimeMillis())
                .toString();
    }

    /** Starts configuring a processor. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes an event the Lambda runtime has deserialized.
     *
     * @return the partial batch response: empty, or the first failed record's sequence number
     * @throws MalformedEventException if the event has no records list or a record lacks an eventID,
     *     event name or sequence number
     */
    public StreamsEventResponse process(DynamodbEvent event) {
        return respond(eventSource.read(event), null);
    }

    /**
     * Processes an event the Lambda runtime has deserialized, using the invocation's remaining time
     * for idempotency leases and retry deadlines and its request id as the lease owner.
     *
     * @see #process(DynamodbEvent)
     */
    public StreamsEventResponse process(DynamodbEvent event, Context context) {
        return respond(eventSource.read(event), context);
    }

    /**
     * Processes an event of a Kinesis data stream that Kinesis Data Streams for DynamoDB writes to, as
     * the Lambda runtime has deserialized it: each Kinesis record's payload is the DynamoDB change
     * record, processed exactly as a record of a DynamoDB stream (same handler methods, same mapping).
     * The response names Kinesis sequence numbers. Kinesis may deliver a change more than once and an
     * item's changes out of order: use an {@link Builder#idempotency(IdempotencyStore) idempotency
     * store} against duplicates and {@link Builder#skipOlderChanges(LastAppliedStore)} against
     * reordering.
     *
     * <pre>{@code
     * public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
     *     return PROCESSOR.process(event, context);
     * }
     * }</pre>
     *
     * @return the partial batch response: empty, or the Kinesis sequence number of the first record
     *     that failed or whose payload is not a DynamoDB change record (too large, not JSON, missing
     *     eventID or eventName), in which case the records after it are not run
     * @throws MalformedEventException if the event has no records list or a record has no Kinesis
     *     sequence number, so that its failure could not be reported
     */
    public StreamsEventResponse process(KinesisEvent event) {
        return respond(kinesisSource.read(event), null);
    }

    /**
     * As {@link #process(KinesisEvent)}, using the invocation's remaining time for idempotency leases
     * and retry deadlines and its request id as the lease owner.
     */
    public StreamsEventResponse process(KinesisEvent event, Context context) {
        return respond(kinesisSource.read(event), context);
    }

    /**
     * Processes raw Lambda event JSON, for a {@code RequestStreamHandler}. Reads {@code {"Records":
     * [...]}} and a top-level array of records (EventBridge Pipes), losslessly: numbers exact,
     * creation times to the nanosecond. The records of a tumbling-window event are processed like any
     * others; its window state is not read or returned (that is {@link
     * io.github.dynastream.window.TumblingWindow}'s job). A Kinesis event (records with a {@code
     * kinesis} object and {@code eventSource} {@code aws:kinesis}) is read as {@link
     * #process(KinesisEvent)} reads it, its base64 payloads decoded, and answered with Kinesis
     * sequence numbers. Does not close the stream.
     *
     * @return the partial batch response: empty, or the first failed record's sequence number
     * @throws MalformedEventException if the input is not valid JSON or not a DynamoDB stream event,
     *     saying what was seen and where
     * @throws UncheckedIOException if reading the stream fails
     */
    public StreamsEventResponse process(InputStream event) {
        return respond(read(event), null);
    }

    /**
     * Processes raw Lambda event JSON and writes the response JSON, the whole body of a {@code
     * RequestStreamHandler}:
     *
     * <pre>{@code
     * public void handleRequest(InputStream input, OutputStream output, Context context) {
     *     PROCESSOR.process(input, output, context);
     * }
     * }</pre>
     *
     * <p>Writes {@code {"batchItemFailures":[...]}}; does not close either stream.
     */
    public void process(InputStream event, OutputStream response, Context context) {
        Objects.requireNonNull(response, "response");
        write(respond(read(event), context), response);
    }

    /**
     * Processes a deserialized event and answers in another source's terms, through a {@link
     * ResponseAdapter}: a tumbling window's response, say. The adapter is called once the records
     * were processed.
     *
     * <pre>{@code
     * TimeWindowEventResponse response = processor.process(event, context, TimeWindowResponses.withState(() -> state));
     * }</pre>
     *
     * @param context the invocation's context, or null
     * @see #process(DynamodbEvent, Context)
     */
    public <R> R process(DynamodbEvent event, Context context, ResponseAdapter<R> responses) {
        Objects.requireNonNull(responses, "responses");
        return respond(eventSource.read(event), context, responses);
    }

    /**
     * Processes raw Lambda event JSON and answers through a {@link ResponseAdapter}, as {@link
     * #process(DynamodbEvent, Context, ResponseAdapter)} does. Does not close the stream.
     *
     * @param context the invocation's context, or null
     * @see #process(InputStream)
     */
    public <R> R process(InputStream event, Context context, ResponseAdapter<R> responses) {
        Objects.requireNonNull(responses, "responses");
        return respond(read(event), context, responses);
    }

    /** As {@link #process(InputStream, OutputStream, Context)}, without the Lambda context. */
    public void process(InputStream event, OutputStream response) {
        Objects.requireNonNull(response, "response");
        write(process(event), response);
    }

    /** Parses an event as {@link #process(InputStream)} does (mapping items on the way past). */
    SourceBatch read(InputStream event) {
        Objects.requireNonNull(event, "event");
        try {
            return jsonSource.read(event.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the event failed", e);
        }
    }

    /** The rest of the flow for one batch a source has read: process, then answer in Lambda's terms. */
    private StreamsEventResponse respond(SourceBatch batch, Context context) {
        return respond(batch, context, StreamsEventResponses.INSTANCE);
    }

    private <R> R respond(SourceBatch batch, Context context, ResponseAdapter<R> responses) {
        BatchResult result = processRecords(batch.records(), context);
        if (result.isSuccess()) {
            batch.unreadable()
                    .ifPresent(unreadable -> Log.LOG.warn(
                            "Record could not be read; it and the records after it will be delivered again:"
                                    + " sequenceNumber={}: {}",
                            unreadable.identifier(),
                            unreadable.cause().getMessage()));
        }
        return responses.toResponse(batch, result);
    }

    /** Only an invocation with something to warn about initialises logging. */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamProcessor.class);
    }

    private void write(StreamsEventResponse result, OutputStream response) {
        StreamsEventResponses.writeJson(result, response, jsonSource.jsonFactory());
    }

    /**
     * Processes records from any source (tests, the Streams API adapter) and tells what happened to
     * each. Idempotency leases last the configured lease duration.
     *
     * @throws Error if a handler throws one; the whole invocation fails and Lambda retries the batch
     */
    public BatchResult processRecords(List<ChangeRecord> records) {
        Objects.requireNonNull(records, "records");
        Instant now = clock.instant();
        return runner.run(records, new InvocationContext(newOwner(), now.plus(idempotencyLease), null, clock));
    }

    /**
     * Processes records within a Lambda invocation: leases last until the invocation's deadline (plus
     * a margin), retries stop before it, and the request id owns the leases.
     */
    public BatchResult processRecords(List<ChangeRecord> records, Context context) {
        Objects.requireNonNull(records, "records");
        if (context == null) {
            return processRecords(records);
        }
        Instant deadline = clock.instant().plusMillis(context.getRemainingTimeInMillis());
        String owner = context.getAwsRequestId() != null ? context.getAwsRequestId() : newOwner();
        return runner.run(records, new InvocationContext(owner, deadline.plus(LEASE_MARGIN), deadline, clock));
    }

    /**
     * Prepares this processor for its first batch, so that batch does not pay for loading and
     * initialising the classes it runs through: a synthetic batch of INSERT, MODIFY and REMOVE records
     * (a TTL delete too), with images made for every handler method's item type, is read as event JSON
     * and as a {@code DynamodbEvent}, dispatched and answered with a partial batch response, in memory.
     * Call it where the function starts: in the static initializer or constructor that builds the
     * processor, or, with Lambda SnapStart, before the snapshot is taken ({@link
     * Builder#primeBeforeCheckpoint()} does that).
     *
     * <pre>{@code
     * private static final StreamProcessor PROCESSOR =
     *         StreamProcessor.builder().handler(new OrderEvents()).build();
     *
     * static {
     *     PROCESSOR.prime();
     * }
     * }</pre>
     *
     * <p>What priming does not do: it calls no handler method; it does not ask the idempotency store,
     * the order guard ({@link Builder#skipOlderChanges}), the retry policy, the dead-letter sink or the
     * listeners; it opens no connection, reads no credentials, seeds no random generator and keeps no
     * clock reading. Warm up your own clients yourself, and keep anything that must differ per
     * execution environment out of a snapshot. Nothing of the synthetic batch is kept, so the next real
     * batch has the same outcome, primed or not.
     *
     * <p>A mapper may reject a synthetic image (see {@link PrimingResult}): the rejection is in the
     * result and logged at DEBUG, and priming goes on. A real record that cannot be mapped still fails
     * as it would have without priming. Thread-safe; may be called more than once.
     *
     * @return what was primed, and which synthetic images a mapper rejected
     * @throws Error if one is thrown while priming (a {@code StackOverflowError}, a class that cannot
     *     be loaded)
     */
    public PrimingResult prime() {
        PrimingResult result = primer.prime(jsonSource, eventSource);
        if (!result.isComplete()) {
            for (RecordException failure : result.mappingFailures()) {
                Log.LOG.debug(
                        "Priming: a synthetic image was not mapped, so its reader is primed only partly"
                                + " (real records are not affected): {}",
                        failure.getMessage());
            }
        }
        return result;
    }

    /** The handler methods for an event name, in invocation order, e.g. {@code OrderEvents.created(Order)}. */
    public List<String> handlerMethods(EventName eventName) {
        return dispatcher.methodsFor(Objects.requireNonNull(eventName, "eventName"));
    }

    /**
     * Configures a {@link StreamProcessor}. Setters only reject null; {@link #build()} checks the
     * handlers and the settings that depend on each other. Not thread-safe.
     */
    public static final class Builder {
        private final List<Object> handlers = new ArrayList<>();
        private final List<ProcessingListener> listeners = new ArrayList<>();
        private ItemMapper itemMapper;
        private IdempotencyStore idempotency;
        private LastAppliedStore lastApplied;
        private Function<ChangeRecord, String> idempotencyKey = ChangeRecord::eventId;
        private Duration idempotencyLease = DEFAULT_LEASE;
        private RetryPolicy retry;
        private int parallelism = 1;
        private String partitionKey;
        private int deadLetterAfter;
        private DeadLetterSink deadLetterSink;
        private boolean logBatchSummary = true;
        private Clock clock = Clock.systemUTC();
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private boolean primeOnBuild;
        private boolean primeBeforeCheckpoint;

        private Builder() {}

        /**
         * Adds a handler object: any class (top-level, nested, local, anonymous) with public or
         * package-private methods annotated {@link OnInsert}, {@link OnModify} or {@link OnRemove}.
         * Repeatable; handlers run in the order added.
         */
        public Builder handler(Object handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Sets how images become items; defaults to {@link ItemMapper#jackson()}. */
        public Builder itemMapper(ItemMapper itemMapper) {
            this.itemMapper = Objects.requireNonNull(itemMapper, "itemMapper");
            return this;
        }

        /**
         * Skips records completed before and keeps a record from running twice at once. Required by
         * parallel mode and dead-lettering.
         */
        public Builder idempotency(IdempotencyStore store) {
            this.idempotency = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Skips a change older than the last one applied to the same item: the opt-in guard for
         * sources that may deliver an item's changes out of order (Kinesis Data Streams for DynamoDB;
         * DynamoDB Streams keep each item's order). Before a record runs, the store is asked when the
         * last change applied to its item (table and key) was made; if the record's {@link
         * ChangeRecord#approximateCreationDateTime()} is earlier, no method runs and the record ends
         * {@link RecordOutcome.Status#SKIPPED_OLDER}. After its methods succeed, the record's creation
         * time is recorded (the store keeps the later of the two).
         *
         * <ul>
         *   <li>Times compare at the precision the source gave (Kinesis: the payload's {@code
         *       ApproximateCreationDateTimePrecision}, milliseconds or microseconds). Two changes of an
         *       item with <b>equal times</b> cannot be ordered, so both run, in delivery order: no change
         *       is dropped on a tie. Choose microsecond precision on the Kinesis streaming destination to
         *       make ties rare.
         *   <li>A record without a creation time runs and records nothing.
         *   <li>This is not deduplication: a redelivered change has the same time as itself, so it runs
         *       again unless an {@link #idempotency(IdempotencyStore) idempotency store} skips it (the
         *       store is asked first). Use both on Kinesis.
         *   <li>A store that cannot be reached fails the record; nothing is skipped on a guess.
         * </ul>
         *
         * <pre>{@code
         * StreamProcessor.builder()
         *         .handler(new OrderEvents())
         *         .idempotency(IdempotencyStore.inMemory())
         *         .skipOlderChanges(LastAppliedStore.inMemory()) // or DynamoDbLastAppliedStore
         *         .build();
         * }</pre>
         */
        public Builder skipOlderChanges(LastAppliedStore store) {
            this.lastApplied = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How a record's idempotency key is made; the eventID by default. */
        public Builder idempotencyKey(Function<ChangeRecord, String> key) {
            this.idempotencyKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * How long an idempotency lease lasts when the Lambda {@code Context} is not passed (default
         * 15 minutes, Lambda's longest timeout). With the context, leases end with the invocation.
         */
        public Builder idempotencyLease(Duration lease) {
            this.idempotencyLease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /** Retries transient failures of handler methods in process. */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Runs records of different partition keys on this many threads at once (default 1:
         * sequential). Requires an idempotency store: records after a failed one may have run, and
         * Lambda delivers them again. Handler methods are then called from several threads at once
         * (one key per thread), so handlers must be thread-safe.
         */
        public Builder parallelism(int threads) {
            this.parallelism = threads;
            return this;
        }

        /**
         * The partition key attribute that groups records in parallel mode; without it, records
         * group by their full item key. ({@code TableSchemaMapper.keySchema(type)} knows it for
         * Enhanced Client entities.)
         */
        public Builder partitionKey(String attribute) {
            this.partitionKey = Objects.requireNonNull(attribute, "attribute");
            return this;
        }

        /**
         * Gives up on a record after it failed this many deliveries (counted in the idempotency
         * store): it goes, whole and with its cause, to the sink, and counts as done so the shard
         * moves on. Without this, a failing record fails until Lambda's own retry limits apply.
         */
        public Builder deadLetter(int afterFailedDeliveries, DeadLetterSink sink) {
            this.deadLetterAfter = afterFailedDeliveries;
            this.deadLetterSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Adds a listener for record outcomes and batch summaries; repeatable. */
        public Builder listener(ProcessingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Whether to log one INFO line per batch (default true). */
        public Builder logBatchSummary(boolean log) {
            this.logBatchSummary = log;
            return this;
        }

        /**
         * How deep an image's maps and lists may nest (default 32, DynamoDB's own limit; at most 100).
         * A top-level attribute is level 1 and each map or list adds a level for what it holds, so at
         * 32 an attribute path such as {@code order.lines[0].sku} has at most 32 steps. A record whose
         * image nests deeper fails, when the image is read, with a {@link
         * MalformedAttributeException} naming the attribute's path; the rest of the batch goes as
         * for any failed record. Nothing deeper than 32 levels comes from DynamoDB itself; lower it
         * to reject what your items never hold, raise it only for a producer that is not DynamoDB.
         *
         * <pre>{@code
         * StreamProcessor processor = StreamProcessor.builder()
         *         .handler(new OrderEvents())
         *         .maxNestingDepth(8) // orders never nest deeper; anything that does is a bad producer
         *         .build();
         * }</pre>
         *
         * @param levels the deepest attribute level allowed, between 1 and 100 (checked by {@link
         *     #build()})
         */
        public Builder maxNestingDepth(int levels) {
            this.maxNestingDepth = levels;
            return this;
        }

        /**
         * Makes {@link #build()} {@linkplain StreamProcessor#prime() prime} the processor before
         * returning it: the one-liner for a function without SnapStart, where the processor is built
         * during the init phase. The {@link PrimingResult} is not returned; call {@code prime()}
         * yourself to look at it.
         *
         * <pre>{@code
         * public class Handler extends DynamoDbStreamHandler {
         *     public Handler() {
         *         super(StreamProcessor.builder().handler(new OrderEvents()).primeOnBuild().build());
         *     }
         * }
         * }</pre>
         */
        public Builder primeOnBuild() {
            this.primeOnBuild = true;
            return this;
        }

        /**
         * Registers a CRaC {@code org.crac.Resource} whose {@code beforeCheckpoint} {@linkplain
         * StreamProcessor#prime() primes} the processor: with Lambda SnapStart, priming then runs once,
         * when the version is published, and every restored execution environment starts primed. Needs
         * {@code org.crac:crac} on the function's classpath (core does not bring it); the processor
         * keeps the resource, so keep the processor (in a static field, as usual). A failure while
         * priming aborts the checkpoint.
         *
         * <pre>{@code
         * private static final StreamProcessor PROCESSOR = StreamProcessor.builder()
         *         .handler(new OrderEvents())
         *         .primeBeforeCheckpoint()
         *         .build();
         * }</pre>
         *
         * <p>Without a CRaC-capable runtime (locally, on a JVM without CRaC) the resource is never
         * called; combine with {@link #primeOnBuild()} to prime there too.
         */
        public Builder primeBeforeCheckpoint() {
            this.primeBeforeCheckpoint = true;
            return this;
        }

        /** The time source for leases and iterator age (for tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Scans the handlers and prepares everything the per-record path needs: method handles and an
         * item reader per item type.
         *
         * @throws IllegalStateException if no handler was added, settings contradict each other, or
         *     {@link #primeBeforeCheckpoint()} was asked for without {@code org.crac} on the classpath
         * @throws HandlerDefinitionException if a handler method cannot be used, naming class, method
         *     and reason
         */
        public StreamProcessor build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("at least one handler is required but none was added");
            }
            if (parallelism < 1) {
                throw new IllegalStateException("parallelism must be >= 1 but was [" + parallelism + "]");
            }
            if (parallelism > 1 && idempotency == null) {
                throw new IllegalStateException(
                        "parallelism [" + parallelism + "] needs an idempotency store: records"
                                + " after a failed one may already have run when Lambda delivers them again; call idempotency(...)");
            }
            if (partitionKey != null && parallelism == 1) {
                throw new IllegalStateException("partition key [" + partitionKey
                        + "] only groups records in parallel mode; set parallelism(n)");
            }
            if (deadLetterSink != null && deadLetterAfter < 1) {
                throw new IllegalStateException(
                        "dead-lettering must follow at least 1 failed delivery but was [" + deadLetterAfter + "]");
            }
            if (deadLetterSink != null && idempotency == null) {
                throw new IllegalStateException(
                        "dead-lettering counts failed deliveries in the idempotency store;" + " call idempotency(...)");
            }
            if (maxNestingDepth < 1 || maxNestingDepth > MAX_NESTING_DEPTH_LIMIT) {
                throw new IllegalStateException("max nesting depth must be between 1 and " + MAX_NESTING_DEPTH_LIMIT
                        + " but was [" + maxNestingDepth + "]");
            }
            if (idempotencyLease.isNegative() || idempotencyLease.isZero()) {
                throw new IllegalStateException(
                        "idempotency lease must be positive but was [" + idempotencyLease + "]");
            }
            if (primeBeforeCheckpoint && !cracAvailable()) {
                throw new IllegalStateException("primeBeforeCheckpoint() registers a CRaC resource, but org.crac.Core"
                        + " is not on the classpath; add the dependency org.crac:crac");
            }
            ItemMapper mapper = itemMapper != null ? itemMapper : ItemMapper.jackson();
            Dispatcher dispatcher = new HandlerScanner(mapper).scan(List.copyOf(handlers));
            List<ProcessingListener> all = new ArrayList<>();
            if (logBatchSummary) {
                all.add(new BatchLogger());
            }
            all.addAll(listeners);
            BatchRunner runner = BatchRunner.create(
                    dispatcher,
                    new RunOptions(
                            idempotency,
                            idempotencyKey,
                            lastApplied,
                            retry,
                            deadLetterAfter,
                            deadLetterSink,
                            parallelism,
                            partitionKey,
                            all));
            StreamProcessor processor = new StreamProcessor(this, dispatcher, runner);
            if (primeOnBuild) {
                processor.prime();
            }
            return processor;
        }

        private static boolean cracAvailable() {
            try {
                Class.forName("org.crac.Core", false, StreamProcessor.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
