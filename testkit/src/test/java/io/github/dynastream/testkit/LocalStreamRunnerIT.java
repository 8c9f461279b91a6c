package io.github.dynastream.testkit;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.EventName;
import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The local stream runner on a real DynamoDB Streams API (moto), against the simulator's rules. */
class LocalStreamRunnerIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static final AtomicInteger TABLES = new AtomicInteger();

    private static String createTable(boolean stream) {
        String name = "runner-" + TABLES.incrementAndGet();
        AWS.dynamoDb().createTable(r -> {
            r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("id")
                            .keyType(KeyType.HASH)
                            .build());
            if (stream) {
                r.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
        return name;
    }

    private static void put(String table, String id, int version) {
        AWS.dynamoDb()
                .putItem(r -> r.tableName(table)
                        .item(Map.of(
                                "id", AttributeValue.fromS(id),
                                "version", AttributeValue.fromN(Integer.toString(version)))));
    }

    private static LocalStreamRunner.Builder runner(String table) {
        return LocalStreamRunner.builder().streams(AWS.dynamoDbStreams()).table(AWS.dynamoDb(), table);
    }

    /** A function that records each batch and succeeds. */
    private static final class Recording implements Function<DynamodbEvent, StreamsEventResponse> {
        final List<List<String>> batches = new ArrayList<>();

        @Override
        public StreamsEventResponse apply(DynamodbEvent event) {
            batches.add(event.getRecords().stream()
                    .map(r -> r.getEventName() + " "
                            + r.getDynamodb().getKeys().get("id").getS())
                    .toList());
            return new StreamsEventResponse();
        }
    }

    @Test
    void drainDeliversEveryChangeInStreamOrderAndTheNextDrainGoesOnWhereItStopped() {
        String table = createTable(true);
        for (int i = 1; i <= 5; i++) {
            put(table, "order-" + i, 1);
        }
        put(table, "order-2", 2);
        AWS.dynamoDb().deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("order-3"))));
        Recording function = new Recording();

        try (LocalStreamRunner runner = runner(table).batchSize(3).build()) {
            Simulation first = runner.drain(function);

            assertThat(function.batches)
                    .containsExactly(
                            List.of("INSERT order-1", "INSERT order-2", "INSERT order-3"),
                            List.of("INSERT order-4", "INSERT order-5", "MODIFY order-2"),
                            List.of("REMOVE order-3"));
            assertThat(first.records()).hasSize(7);
            assertThat(first.invocations()).extracting(Invocation::number).containsExactly(1, 2, 3);
            assertThat(first).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();

            put(table, "order-6", 1);
            Simulation second = runner.drain(function);

            assertThat(second.records()).extracting(ChangeRecord::eventName).containsExactly(EventName.INSERT);
            assertThat(second.invocations()).extracting(Invocation::number).containsExactly(4);
            assertThat(runner.drain(function).records()).isEmpty();
            assertThat(runner.delivered().records()).hasSize(8);
            assertThat(runner.delivered().invocations()).hasSize(4);
        }
    }

    /**
     * A deterministic function: records of the items named in {@code failures} fail that many times
     * (or always, with {@link FailurePlan#PERMANENT}), reported as item failures or thrown.
     */
    private static Function<DynamodbEvent, StreamsEventResponse> failing(
            Map<String, Integer> failures, boolean report) {
        Map<String, Integer> left = new HashMap<>(failures);
        return event -> {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                String id = record.getDynamodb().getKeys().get("id").getS();
                int remaining = left.getOrDefault(id, 0);
                if (remaining > 0) {
                    if (remaining != FailurePlan.PERMANENT) {
                        left.put(id, remaining - 1);
                    }
                    if (!report) {
                        throw new IllegalStateException("record of " + id + " failed");
                    }
                    return StreamsEventResponse.builder()
                            .withBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(
                                    record.getDynamodb().getSequenceNumber())))
                            .build();
                }
            }
            return new StreamsEventResponse();
        };
    }

    /** What an invocation shows of the rules: everything but when it ran. */
    private static List<String> rules(Simulation simulation) {
        List<String> out = new ArrayList<>();
        for (Invocation i : simulation.invocations()) {
            out.add(i.number() + " lane " + i.lane() + " " + i.sequenceNumbers() + " retry " + i.retryAttempt() + " "
                    + i.outcome() + " checkpoint " + i.checkpoint() + " reason " + i.reason() + " bytes "
                    + i.payloadBytes());
        }
        for (FailureDestinationRecord d : simulation.failureDestination()) {
            out.add("destination " + d.condition() + " " + d.approximateInvokeCount() + " " + d.startSequenceNumber()
                    + ".." + d.endSequenceNumber() + " " + d.batchSize() + " "
                    + d.payload().size());
        }
        simulation
                .ignoredItemFailures()
                .forEach(i -> out.add("ignored " + i.lostRecords().size()));
        return out;
    }

    /**
     * A scenario of the comparison. With {@code simulatedInvocation} the runner runs on simulated
     * time, each invocation taking that long, from when the shard was written; the simulator then
     * starts at the same instant (its builder must have the same invocation duration).
     */
    private record Scenario(
            String name,
            Map<String, Integer> failures,
            boolean report,
            EventSourceMappingSimulator.Builder mapping,
            java.util.function.Predicate<Simulation> shows,
            Duration simulatedInvocation) {
        Scenario(
                String name,
                Map<String, Integer> failures,
                boolean report,
                EventSourceMappingSimulator.Builder mapping,
                java.util.function.Predicate<Simulation> shows) {
            this(name, failures, report, mapping, shows, null);
        }
    }

    @Test
    void theRunnerAndTheSimulatorMakeTheSameInvocationsForTheSameShardAndFailures() {
        List<Scenario> scenarios = List.of(
                new Scenario(
                        "no failures",
                        Map.of(),
                        true,
                        EventSourceMappingSimulator.builder().batchSize(4),
                        s -> s.invocations().size() == 4),
                new Scenario(
                        "a transient item failure, reported",
                        Map.of("item-05", 2),
                        true,
                        EventSourceMappingSimulator.builder().batchSize(4).reportBatchItemFailures(true),
                        s -> s.invocations().stream()
                                        .filter(i -> i.outcome() == Invocation.Outcome.PARTIAL_FAILURE)
                                        .count()
                                == 2),
                new Scenario(
                        "a poison record, bisected and discarded to S3",
                        Map.of("item-07", FailurePlan.PERMANENT),
                        false,
                        EventSourceMappingSimulator.builder()
                                .batchSize(6)
                                .maximumRetryAttempts(1)
                                .bisectBatchOnFunctionError(true)
                                .destinationType(DestinationType.S3),
                        s -> s.discardedRecords().size() == 1
                                && s.failureDestination().get(0).payload().size() == 1),
                new Scenario(
                        "reported failures that Lambda ignores without ReportBatchItemFailures",
                        Map.of("item-02", 1),
                        true,
                        EventSourceMappingSimulator.builder().batchSize(5),
                        s -> s.ignoredItemFailures().size() == 1),
                new Scenario(
                        "two lanes, a poison record on one",
                        Map.of("item-03", FailurePlan.PERMANENT),
                        true,
                        EventSourceMappingSimulator.builder()
                                .batchSize(3)
                                .parallelizationFactor(2)
                                .reportBatchItemFailures(true)
                                .maximumRetryAttempts(2),
                        s -> s.invocations().stream()
                                                .map(Invocation::lane)
                                                .distinct()
                                                .count()
                                        == 2
                                && !s.discardedRecords().isEmpty()),
                new Scenario(
                        "a poison record discarded at MaximumRecordAgeInSeconds, on simulated time",
                        Map.of("item-10", FailurePlan.PERMANENT),
                        false,
                        EventSourceMappingSimulator.builder()
                                .batchSize(4)
                                .maximumRecordAge(Duration.ofSeconds(60))
                                .invocationDuration(Duration.ofSeconds(25)),
                        s -> !s.discardedRecords().isEmpty()
                                && s.failureDestination().stream()
                                        .allMatch(d -> d.condition().equals("RecordAgeExceeded")),
                        Duration.ofSeconds(25)));
        for (Scenario scenario : scenarios) {
            String table = createTable(true);
            for (int i = 1; i <= 12; i++) {
                put(table, String.format("item-%02d", i), 1);
            }
            put(table, "item-03", 2);

            LocalStreamRunner.Builder onMoto = copy(scenario.mapping(), runner(table));
            if (scenario.simulatedInvocation() != null) {
                Instant written = Instant.now();
                onMoto.clock(MappingClock.simulated(scenario.simulatedInvocation(), written));
                scenario.mapping().startingAt(written);
            }
            Simulation onStream;
            try (LocalStreamRunner runner = onMoto.build()) {
                onStream = runner.drain(failing(scenario.failures(), scenario.report()));
            }
            Simulation simulated =
                    scenario.mapping().build().run(onStream.records(), failing(scenario.failures(), scenario.report()));

            assertThat(onStream.records()).as(scenario.name()).hasSize(13);
            assertThat(onStream).as(scenario.name()).matches(scenario.shows());
            assertThat(rules(onStream)).as(scenario.name()).isEqualTo(rules(simulated));
            assertThat(onStream.discardedRecords()).as(scenario.name()).isEqualTo(simulated.discardedRecords());
        }
    }

    /** The runner with the simulator's mapping settings. */
    private static LocalStreamRunner.Builder copy(
            EventSourceMappingSimulator.Builder simulator, LocalStreamRunner.Builder runner) {
        MappingSettings s = simulator.settings("");
        runner.batchSize(s.batchSize())
                .reportBatchItemFailures(s.reportBatchItemFailures())
                .maximumRetryAttempts(s.maximumRetryAttempts())
                .bisectBatchOnFunctionError(s.bisectBatchOnFunctionError())
                .parallelizationFactor(s.parallelizationFactor())
                .maximumBatchingWindow(s.maximumBatchingWindow())
                .destinationType(s.destinationType());
        if (s.maximumRecordAge() != null) {
            runner.maximumRecordAge(s.maximumRecordAge());
        }
        return runner;
    }

    /**
     * Simulated time on which writes to the table happen at given instants: when the mapping waits
     * past one, the write is made first, so a record is written "during" a wait, deterministically.
     */
    private static final class WritingClock implements MappingClock {
        private final MappingClock time;
        private final java.util.TreeMap<Instant, Runnable> writes = new java.util.TreeMap<>();

        WritingClock(Instant start) {
            this.time = MappingClock.simulated(Duration.ofSeconds(1), start);
        }

        WritingClock at(Instant instant, Runnable write) {
            writes.put(instant, write);
            return this;
        }

        @Override
        public Instant waitUntil(Instant instant) {
            while (!writes.isEmpty() && !writes.firstKey().isAfter(instant)) {
                writes.pollFirstEntry().getValue().run();
            }
            return time.waitUntil(instant);
        }

        @Override
        public Instant invocationEnded(Instant startedAt) {
            return time.invocationEnded(startedAt);
        }

        @Override
        public Instant now() {
            return time.now();
        }
    }

    @Test
    void theBatchingWindowOnARealStreamGathersRecordsWrittenBeforeAndDuringItUntilTheBatchIsFull() {
        String table = createTable(true);
        put(table, "a", 1);
        put(table, "b", 1);
        put(table, "c", 1);
        Instant start = Instant.now();
        WritingClock clock = new WritingClock(start).at(start.plusSeconds(30), () -> put(table, "d", 1));
        Recording function = new Recording();

        Simulation onStream;
        Simulation nextDrain;
        try (LocalStreamRunner runner = runner(table)
                .batchSize(2)
                .maximumBatchingWindow(Duration.ofSeconds(60))
                .clock(clock)
                .build()) {
            onStream = runner.drain(function);
            put(table, "e", 1);
            nextDrain = runner.drain(function);
        }

        // The next drain starts at t=30 with e alone: its window expires at t=90 and e goes alone.
        assertThat(nextDrain.invocations()).singleElement().satisfies(i -> {
            assertThat(i.batch()).hasSize(1);
            assertThat(i.at()).isEqualTo(start.plusSeconds(90));
        });

        // a, b fill a batch and go at once; c, written before the drain too, waits in the window that
        // began when that invocation ended (t=1, to end at t=61), and the mapping goes on reading the
        // stream: d, written to the table at t=30, fills the batch, which goes then.
        assertThat(function.batches)
                .containsExactly(List.of("INSERT a", "INSERT b"), List.of("INSERT c", "INSERT d"), List.of("INSERT e"));
        assertThat(onStream.invocations()).extracting(Invocation::at).containsExactly(start, start.plusSeconds(30));
        List<ChangeRecord> records = onStream.records();
        Simulation simulated = EventSourceMappingSimulator.builder()
                .batchSize(2)
                .maximumBatchingWindow(Duration.ofSeconds(60))
                .startingAt(start)
                .build()
                .runWithWriteTimes(
                        List.of(
                                new ShardRecord(records.get(0), start),
                                new ShardRecord(records.get(1), start),
                                new ShardRecord(records.get(2), start),
                                new ShardRecord(records.get(3), start.plusSeconds(30))),
                        new Recording());
        assertThat(rules(onStream)).isEqualTo(rules(simulated));
        assertThat(onStream.invocations())
                .extracting(Invocation::at)
                .isEqualTo(simulated.invocations().stream().map(Invocation::at).toList());
    }

    @Test
    void withoutABatchingWindowTheRecordsOfADrainGoInBatchesAsSoonAsTheyAreRead() {
        String table = createTable(true);
        put(table, "a", 1);
        put(table, "b", 1);
        put(table, "c", 1);
        Instant start = Instant.now();
        Recording function = new Recording();

        Simulation onStream;
        try (LocalStreamRunner runner = runner(table)
                .batchSize(2)
                .clock(MappingClock.simulated(Duration.ofSeconds(1), start))
                .build()) {
            onStream = runner.drain(function);
        }

        assertThat(function.batches).containsExactly(List.of("INSERT a", "INSERT b"), List.of("INSERT c"));
        assertThat(onStream.invocations()).extracting(Invocation::at).containsExactly(start, start.plusSeconds(1));
    }

    /** A Lambda entry point as users deploy it: a processor that fails the items whose id ends in 9. */
    public static final class NinesFail extends DynamoDbStreamHandler {
        static final List<String> HANDLED = new ArrayList<>();

        public NinesFail() {
            super(StreamProcessor.builder()
                    .handler(new Object() {
                        @OnInsert
                        void inserted(Map<String, Object> item) {
                            String id = (String) item.get("id");
                            if (id.endsWith("9")) {
                                throw new IllegalStateException("nines fail");
                            }
                            synchronized (HANDLED) {
                                HANDLED.add(id);
                            }
                        }
                    })
                    .build());
        }
    }

    @Test
    void aDeployedStreamHandlerIsCalledWithTheEventJsonAndItsJsonResponseIsRead() {
        String table = createTable(true);
        for (String id : List.of("a1", "a2", "a9", "a4")) {
            put(table, id, 1);
        }
        NinesFail.HANDLED.clear();

        try (LocalStreamRunner runner = runner(table)
                .reportBatchItemFailures(true)
                .maximumRetryAttempts(1)
                .build()) {
            Simulation simulation = runner.drain(StreamHandlerFunction.of(new NinesFail()));

            assertThat(simulation.invocations())
                    .extracting(Invocation::outcome)
                    .containsExactly(Invocation.Outcome.PARTIAL_FAILURE, Invocation.Outcome.PARTIAL_FAILURE);
            assertThat(simulation.invocations().get(0).checkpoint())
                    .isEqualTo(simulation.records().get(2).sequenceNumber());
            assertThat(simulation.discardedRecords())
                    .containsExactlyElementsOf(simulation.records().subList(2, 4));
            assertThat(NinesFail.HANDLED).containsExactly("a1", "a2");
        }
    }

    @Test
    void inTheBackgroundItDeliversWhatIsWrittenWhileItRunsAndNoThreadSurvivesClose() {
        String table = createTable(true);
        Recording function = new Recording();
        LocalStreamRunner runner = runner(table).build();
        try {
            runner.start(function);
            assertThatThrownBy(() -> runner.drain(function)).hasMessageContaining("running in the background");
            put(table, "late-1", 1);
            put(table, "late-2", 1);

            Simulation simulation = runner.awaitRecords(2, Duration.ofSeconds(30));

            assertThat(simulation.records()).hasSize(2);
            assertThat(function.batches.stream().flatMap(List::stream))
                    .containsExactly("INSERT late-1", "INSERT late-2");
        } finally {
            runner.close();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("dynastream-local-stream-runner") && t.isAlive());
        assertThatThrownBy(() -> runner.drain(function)).hasMessage("the runner is closed");
        runner.close();
    }

    @Test
    void awaitingRecordsThatDoNotComeSaysHowManyDid() {
        String table = createTable(true);
        put(table, "only", 1);
        try (LocalStreamRunner runner = runner(table).build()) {
            runner.start(new Recording());

            assertThatThrownBy(() -> runner.awaitRecords(2, Duration.ofSeconds(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("only 1 of 2 records arrived within PT2S");
        }
    }

    @Test
    void aTableWithoutAStreamIsRejectedWhenTheRunnerIsBuilt() {
        DynamoDbClient dynamoDb = AWS.dynamoDb();
        String table = createTable(false);

        assertThatThrownBy(() -> LocalStreamRunner.builder()
                        .streams(AWS.dynamoDbStreams())
                        .table(dynamoDb, table)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table [" + table + "] has no stream");
        assertThatThrownBy(
                        () -> LocalStreamRunner.builder().table(dynamoDb, table).build())
                .hasMessageContaining("no streams client");
        assertThatThrownBy(() -> runner(table).batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be between 1 and 10000 but was [0]");
    }

    @Test
    void deletesSaidToBeTimeToLiveExpiriesAreDeliveredWithTheIdentityDynamoDbWritesOnThem() {
        String table = createTable(true);
        put(table, "expired", 1);
        put(table, "deleted", 1);
        AWS.dynamoDb().deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("expired"))));
        AWS.dynamoDb().deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("deleted"))));
        List<String> identities = new ArrayList<>();

        try (LocalStreamRunner runner = runner(table)
                .timeToLiveDeletes(r -> r.keys().equals(Map.of("id", io.github.dynastream.AttributeValue.s("expired"))))
                .build()) {
            Simulation simulation = runner.drain(event -> {
                for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                    identities.add(record.getEventName() + " "
                            + record.getDynamodb().getKeys().get("id").getS() + " "
                            + (record.getUserIdentity() == null
                                    ? "-"
                                    : record.getUserIdentity().getType() + "/"
                                            + record.getUserIdentity().getPrincipalId()));
                }
                return new StreamsEventResponse();
            });

            assertThat(identities)
                    .containsExactly(
                            "INSERT expired -",
                            "INSERT deleted -",
                            "REMOVE expired Service/dynamodb.amazonaws.com",
                            "REMOVE deleted -");
            assertThat(simulation.records())
                    .filteredOn(ChangeRecord::isTimeToLiveDelete)
                    .singleElement()
                    .satisfies(r -> assertThat(r.keys()).containsKey("id"));
        }
    }
}
