package io.github.dynastream.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.testkit.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;

/**
 * Records per second through one KCL worker on moto: dynastream's {@code KclWorker} with a typed
 * handler, next to a plain KCL record processor that parses and maps each record by hand, reading the
 * same stream one after the other in one JVM. Not a test (no CI): run it by hand, inside a
 * loopback-only network namespace, as benchmarks/README.md says.
 */
public final class KclThroughput {
    private static final int ITEMS = 100;

    private KclThroughput() {}

    public static void main(String[] args) throws Exception {
        int versions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int total = ITEMS * versions;
        try (LocalAws aws = LocalAws.start();
                DynamoDbAsyncClient kclDynamoDb = KclOnMoto.asyncDynamoDb(aws)) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            String streamArn = KclOnMoto.createStreamedTable(dynamoDb, "Orders");
            DynamoDbTable<Order> orders = KclOnMoto.orders(dynamoDb, "Orders");
            for (int version = 1; version <= versions; version++) {
                for (int item = 0; item < ITEMS; item++) {
                    orders.putItem(new Order("order-" + item, version, "v" + version));
                }
            }
            System.out.printf("stream: %d changes to %d items%n", total, ITEMS);
            for (int round = 1; round <= rounds; round++) {
                double typed = dynastream(aws, kclDynamoDb, streamArn, "typed-" + round, total);
                double plain = plain(aws, kclDynamoDb, streamArn, "plain-" + round, total);
                System.out.printf(
                        "round %d: dynastream KclWorker %.0f records/s, plain KCL processor %.0f records/s%n",
                        round, typed, plain);
            }
        }
        System.exit(0); // KCL leaves non-daemon threads behind once its schedulers stop
    }

    /** The time from the first record handled to the last, as records per second. */
    private static double rate(long firstNanos, long lastNanos, int records) {
        return (records - 1) / ((lastNanos - firstNanos) / 1e9);
    }

    private static double dynastream(
            LocalAws aws, DynamoDbAsyncClient kclDynamoDb, String streamArn, String app, int total) {
        AtomicLong count = new AtomicLong();
        long[] first = new long[1];
        long[] last = new long[1];
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(TableSchemaMapper.create())
                .logBatchSummary(false)
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    void on(Order order) {
                        long n = count.incrementAndGet();
                        if (n == 1) {
                            first[0] = System.nanoTime();
                        }
                        if (n == total) {
                            last[0] = System.nanoTime();
                        }
                    }
                })
                .build();
        KclWorker worker =
                KclOnMoto.worker(aws, kclDynamoDb, streamArn, app, processor).build();
        KclOnMoto.seedLeaseTable(aws.dynamoDb(), aws.dynamoDbStreams(), streamArn, app);
        worker.start();
        KclOnMoto.await(Duration.ofMinutes(5), () -> count.get() >= total);
        worker.close();
        return rate(first[0], last[0], total);
    }

    /** What a KCL application without dynastream writes: parse, switch on the event name, map, checkpoint. */
    private static final class PlainProcessor implements DynamoDBStreamsShardRecordProcessor {
        private static final TableSchema<Order> SCHEMA = TableSchema.fromBean(Order.class);
        private final AtomicLong count;
        private final long[] first;
        private final long[] last;
        private final int total;

        PlainProcessor(AtomicLong count, long[] first, long[] last, int total) {
            this.count = count;
            this.first = first;
            this.last = last;
            this.total = total;
        }

        @Override
        public void initialize(InitializationInput input) {}

        @Override
        public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
            List<Order> mapped = new ArrayList<>();
            for (DynamoDBStreamsClientRecord clientRecord : input.records()) {
                Record record = clientRecord.getRecord();
                switch (record.eventNameAsString()) {
                    case "INSERT", "MODIFY" ->
                        mapped.add(SCHEMA.mapToItem(record.dynamodb().newImage()));
                    default -> {}
                }
                long n = count.incrementAndGet();
                if (n == 1) {
                    first[0] = System.nanoTime();
                }
                if (n == total) {
                    last[0] = System.nanoTime();
                }
            }
            if (mapped.isEmpty() && input.records().isEmpty()) {
                return;
            }
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The same KCL wiring and timers as {@link KclWorker}, with the hand-written processor. */
    private static double plain(LocalAws aws, DynamoDbAsyncClient kclDynamoDb, String streamArn, String app, int total)
            throws Exception {
        AtomicLong count = new AtomicLong();
        long[] first = new long[1];
        long[] last = new long[1];
        AmazonDynamoDBStreamsAdapterClient adapter =
                new AmazonDynamoDBStreamsAdapterClient(aws.dynamoDbStreams(), Region.US_EAST_1);
        ConfigsBuilder configs = new ConfigsBuilder(
                StreamsSchedulerFactory.createSingleStreamTracker(
                        streamArn,
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                app,
                adapter,
                kclDynamoDb,
                NoCloudWatch.INSTANCE,
                app + "-worker",
                () -> new PlainProcessor(count, first, last, total));
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .shardSyncIntervalMillis(1_000)
                .failoverTimeMillis(4_000)
                .leaseAssignmentIntervalMillis(1_000L)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(2_000)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(6_000);
        leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
        Scheduler scheduler = StreamsSchedulerFactory.createScheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig()
                        .shardConsumerDispatchPollIntervalMillis(200)
                        .parentShardPollIntervalMillis(1_000)
                        .schedulerInitializationBackoffTimeMillis(1_000),
                leases,
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()).metricsLevel(MetricsLevel.NONE),
                configs.processorConfig(),
                configs.retrievalConfig()
                        .retrievalSpecificConfig(
                                new DynamoDBStreamsPollingConfig(adapter).idleTimeBetweenReadsInMillis(250)),
                adapter);
        KclOnMoto.seedLeaseTable(aws.dynamoDb(), aws.dynamoDbStreams(), streamArn, app);
        Thread thread = new Thread(scheduler, app);
        thread.start();
        KclOnMoto.await(Duration.ofMinutes(5), () -> count.get() >= total);
        scheduler.startGracefulShutdown().get();
        thread.join();
        return rate(first[0], last[0], total);
    }
}
