package io.github.dynastream.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import io.github.dynastream.StreamProcessor;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.StreamTracker;

/**
 * Runs a {@link StreamProcessor} on a Kinesis Client Library 3 worker, reading a DynamoDB stream
 * through the DynamoDB Streams Kinesis Adapter: the same handler classes as in Lambda, for
 * long-running consumers. Workers of one application share a lease table and split the shards among
 * themselves; when one stops or dies, the others take over its shards at their checkpoints.
 *
 * <pre>{@code
 * StreamProcessor processor = StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .idempotency(DynamoDbIdempotencyStore.builder().client(dynamoDb).tableName("idempotency").build())
 *         .build();
 * KclWorker worker = KclWorker.builder()
 *         .processor(processor)
 *         .streamArn(streamArn)                  // arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL
 *         .applicationName("order-events")       // also the lease table's name, unless leaseTableName(...)
 *         .dynamoDb(DynamoDbAsyncClient.create())
 *         .dynamoDbStreams(DynamoDbStreamsClient.create())
 *         .build();
 * worker.start();                                // KCL's scheduler, on its own thread
 * Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Each shard's records run in shard order, one page at a time, through {@link
 *       StreamProcessor#processRecords(java.util.List)}, and the shard is checkpointed at the last
 *       record done (succeeded, skipped as a duplicate, or dead-lettered) after each page.
 *   <li>As in Lambda, processing stops at the first failed record: the records before it are
 *       checkpointed, and after a pause (doubling from {@link Builder#retryBackoff(Duration,
 *       Duration)}'s first wait up to its longest) that record and the rest of the page run again,
 *       as often as it takes. A record that always fails holds its shard until the processor's
 *       dead-letter policy ({@code StreamProcessor.Builder.deadLetter}) gives up on it, counting each
 *       run as one delivery; without one, it holds the shard until the record leaves the stream.
 *   <li>A parent shard's records all run before its children's: the end of a shard is checkpointed
 *       only once every record in it is done, and KCL starts a child only after that.
 *   <li>{@link #close()} stops gracefully: each shard finishes or gives up the page it is on,
 *       checkpoints its last done record and releases its lease for the other workers.
 *   <li>When a lease is lost (another worker took it, or this one could not renew it), the shard
 *       stops at once and runs nothing more; the new owner resumes at the checkpoint. Records done
 *       here after that checkpoint run again there <b>unless the processor has an idempotency
 *       store</b>, which then skips them: with one, no effect is lost or repeated. Give KCL workers
 *       a shared store such as {@code DynamoDbIdempotencyStore}, and an idempotency lease ({@code
 *       StreamProcessor.Builder.idempotencyLease}) a little longer than a record's longest run, so a
 *       record left in progress by a worker that died is retried soon.
 * </ul>
 *
 * <h2>What the worker talks to</h2>
 *
 * Only the two clients given: DynamoDB Streams for the records, DynamoDB for KCL's tables (the lease
 * table, and KCL 3's {@code APPLICATION-CoordinatorState} and {@code APPLICATION-WorkerMetricStats},
 * all created on demand with on-demand billing). CloudWatch metrics are off and KCL 3's worker
 * metrics are disabled, so the worker never asks an EC2, ECS or EKS metadata endpoint for its
 * resource use; leases are balanced by throughput.
 *
 * <p>Immutable once built; {@link #start()} and {@link #close()} may be called from any thread.
 */
public final class KclWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KclWorker.class);
    private static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration DEFAULT_LONGEST_RETRY = Duration.ofSeconds(30);
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final Scheduler scheduler;
    private final WorkerStop stop;
    private final String workerId;
    private final String applicationName;
    private final String leaseTableName;
    private final Duration shutdownTimeout;
    private Thread thread;
    private boolean closed;

    private KclWorker(Builder b, Region region) {
        this.stop = new WorkerStop();
        this.workerId = b.workerId != null ? b.workerId : b.applicationName + "-" + UUID.randomUUID();
        this.applicationName = b.applicationName;
        this.leaseTableName = b.leaseTableName != null ? b.leaseTableName : b.applicationName;
        this.shutdownTimeout = b.shutdownTimeout;
        RetryBackoff backoff = new RetryBackoff(b.firstRetry, b.longestRetry);
        Scheduler[] built = new Scheduler[1];
        LeaseView leases = shardId -> {
            Lease lease = built[0].leaseCoordinator().getCurrentlyHeldLease(shardId);
            return lease != null && !lease.shutdownRequested();
        };

        AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(b.dynamoDbStreams, region);
        StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(
                b.streamArn, InitialPositionInStreamExtended.newInitialPosition(b.initialPosition));
        ConfigsBuilder configs = new ConfigsBuilder(
                        tracker,
                        b.applicationName,
                        adapter,
                        b.dynamoDb,
                        NoCloudWatch.INSTANCE,
                        workerId,
                        () -> new ShardProcessor(b.processor, b.streamArn, backoff, stop, leases))
                .tableName(leaseTableName);

        LeaseManagementConfig leaseManagement = configs.leaseManagementConfig();
        CoordinatorConfig coordinator = configs.coordinatorConfig();
        b.leaseManagement.accept(leaseManagement);
        b.coordinator.accept(coordinator);
        // After the hooks: no setting may turn the metadata lookups or CloudWatch back on.
        leaseManagement.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
        MetricsConfig metrics =
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()).metricsLevel(MetricsLevel.NONE);
        DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(adapter);
        if (b.pollInterval != null) {
            polling.idleTimeBetweenReadsInMillis(b.pollInterval.toMillis());
        }
        this.scheduler = StreamsSchedulerFactory.createScheduler(
                configs.checkpointConfig(),
                coordinator,
                leaseManagement,
                configs.lifecycleConfig(),
                metrics,
                configs.processorConfig(),
                configs.retrievalConfig().retrievalSpecificConfig(polling),
                adapter);
        built[0] = scheduler;
    }

    /** Starts configuring a worker. */
    public static Builder builder() {
        return new Builder();
    }

    /** This worker's identity in the lease table. */
    public String workerId() {
        return workerId;
    }

    /** The application name the workers that share this stream's shards have in common. */
    public String applicationName() {
        return applicationName;
    }

    /** The DynamoDB table that holds the leases and checkpoints. */
    public String leaseTableName() {
        return leaseTableName;
    }

    /**
     * Runs KCL's scheduler on a new (non-daemon) thread named after the worker and returns.
     *
     * @throws IllegalStateException if the worker was started or closed before
     */
    public synchronized void start() {
        if (closed || thread != null) {
            throw new IllegalStateException("worker [" + workerId + "] was already " + (closed ? "closed" : "started"));
        }
        thread = new Thread(scheduler, "dynastream-kcl-" + workerId);
        thread.start();
    }

    /**
     * Stops gracefully: shards waiting to retry a failed record give up their page, each shard
     * checkpoints its last done record, leases are released, and the scheduler's thread ends. Waits up
     * to {@link Builder#shutdownTimeout(Duration)}, then stops KCL at once (the leases then expire
     * for the other workers to take). Idempotent; does not close the clients.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop.stop();
        if (thread == null) {
            scheduler.shutdown();
            return;
        }
        try {
            scheduler.startGracefulShutdown().get(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdown();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("worker {}: graceful shutdown did not finish ({}); stopping now", workerId, e.toString());
            scheduler.shutdown();
        }
        try {
            thread.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KclWorker[" + workerId + ", lease table " + leaseTableName + "]";
    }

    /**
     * Configures a {@link KclWorker}. Setters only reject null; {@link #build()} checks that the
     * required settings are there and fit together. Not thread-safe.
     */
    public static final class Builder {
        private StreamProcessor processor;
        private String streamArn;
        private String applicationName;
        private DynamoDbAsyncClient dynamoDb;
        private DynamoDbStreamsClient dynamoDbStreams;
        private String workerId;
        private String leaseTableName;
        private InitialPositionInStream initialPosition = InitialPositionInStream.TRIM_HORIZON;
        private Duration firstRetry = DEFAULT_FIRST_RETRY;
        private Duration longestRetry = DEFAULT_LONGEST_RETRY;
        private Duration pollInterval;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Consumer<LeaseManagementConfig> leaseManagement = c -> {};
        private Consumer<CoordinatorConfig> coordinator = c -> {};

        private Builder() {}

        /** The processor every shard's records run through (required). */
        public Builder processor(StreamProcessor processor) {
            this.processor = Objects.requireNonNull(processor, "processor");
            return this;
        }

        /**
         * The stream to read (required): {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL},
         * as {@code DescribeTable} gives it in {@code LatestStreamArn}. Its region is the one the
         * adapter uses.
         */
        public Builder streamArn(String streamArn) {
            this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
            return this;
        }

        /**
         * The application name (required): workers with the same name share the shards of the stream
         * and its checkpoints. It names the lease table unless {@link #leaseTableName(String)} does.
         */
        public Builder applicationName(String applicationName) {
            this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
            return this;
        }

        /** The DynamoDB client for KCL's lease, coordinator-state and worker-metrics tables (required). */
        public Builder dynamoDb(DynamoDbAsyncClient dynamoDb) {
            this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
            return this;
        }

        /** The DynamoDB Streams client the records are read with (required). */
        public Builder dynamoDbStreams(DynamoDbStreamsClient dynamoDbStreams) {
            this.dynamoDbStreams = Objects.requireNonNull(dynamoDbStreams, "dynamoDbStreams");
            return this;
        }

        /** This worker's name in the lease table; unique per worker (default: the application name and a UUID). */
        public Builder workerId(String workerId) {
            this.workerId = Objects.requireNonNull(workerId, "workerId");
            return this;
        }

        /** The lease table's name (default: the application name, as in KCL). */
        public Builder leaseTableName(String leaseTableName) {
            this.leaseTableName = Objects.requireNonNull(leaseTableName, "leaseTableName");
            return this;
        }

        /**
         * Where a shard without a checkpoint starts: {@code TRIM_HORIZON} (the default: the oldest
         * record still in the stream, as Lambda's event source mappings usually do) or {@code LATEST}.
         */
        public Builder initialPosition(InitialPositionInStream position) {
            this.initialPosition = Objects.requireNonNull(position, "position");
            return this;
        }

        /**
         * The pauses before a failed record runs again: {@code first} after its first failed run,
         * doubling after each further one up to {@code longest} (default 1 s up to 30 s).
         */
        public Builder retryBackoff(Duration first, Duration longest) {
            this.firstRetry = Objects.requireNonNull(first, "first");
            this.longestRetry = Objects.requireNonNull(longest, "longest");
            return this;
        }

        /** How long a shard waits between reads of the stream (default: the adapter's). */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How long {@link KclWorker#close()} waits for the graceful shutdown (default 60 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Adjusts KCL's lease settings (failover time, lease assignment interval, leader election
         * timings, the lease table's billing and tags), for example {@code c ->
         * c.failoverTimeMillis(20_000)}. Worker metrics stay disabled whatever is set here.
         */
        public Builder leaseManagement(Consumer<LeaseManagementConfig> settings) {
            this.leaseManagement = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Adjusts KCL's coordinator settings (poll intervals, initialization backoff). */
        public Builder coordinator(Consumer<CoordinatorConfig> settings) {
            this.coordinator = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Builds the worker and KCL's scheduler; nothing is read or written before {@link
         * KclWorker#start()}.
         *
         * @throws IllegalStateException if a required setting is missing, the stream ARN is not a
         *     DynamoDB stream's, the initial position is neither {@code TRIM_HORIZON} nor {@code
         *     LATEST}, or a duration is not positive
         */
        public KclWorker build() {
            require(processor, "processor");
            require(streamArn, "streamArn");
            require(applicationName, "applicationName");
            require(dynamoDb, "dynamoDb");
            require(dynamoDbStreams, "dynamoDbStreams");
            if (applicationName.isBlank()) {
                throw new IllegalStateException("application name must not be blank but was [" + applicationName + "]");
            }
            if (initialPosition == InitialPositionInStream.AT_TIMESTAMP) {
                throw new IllegalStateException(
                        "initial position must be TRIM_HORIZON or LATEST but was [" + initialPosition + "]");
            }
            positive(firstRetry, "first retry pause");
            positive(longestRetry, "longest retry pause");
            if (longestRetry.compareTo(firstRetry) < 0) {
                throw new IllegalStateException("longest retry pause [" + longestRetry
                        + "] must not be shorter than the first [" + firstRetry + "]");
            }
            if (pollInterval != null) {
                positive(pollInterval, "poll interval");
            }
            positive(shutdownTimeout, "shutdown timeout");
            return new KclWorker(this, regionOf(streamArn));
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException(name + " is required; call " + name + "(...)");
            }
        }

        private static void positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalStateException(name + " must be positive but was [" + value + "]");
            }
        }

        private static Region regionOf(String streamArn) {
            Arn arn;
            try {
                arn = Arn.fromString(streamArn);
            } catch (IllegalArgumentException e) {
                throw notAStream(streamArn);
            }
            String resource = arn.resourceAsString();
            if (!"dynamodb".equals(arn.service())
                    || arn.region().isEmpty()
                    || !resource.startsWith("table/")
                    || !resource.contains("/stream/")) {
                throw notAStream(streamArn);
            }
            return Region.of(arn.region().get());
        }

        private static IllegalStateException notAStream(String streamArn) {
            return new IllegalStateException("stream ARN must look like"
                    + " arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL but was [" + streamArn + "]");
        }
    }
}
