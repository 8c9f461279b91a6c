package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.window.TumblingWindow;
import io.github.dynastream.window.Window;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The DSL's tumbling-window shape round-trips through every entry point that reads it. */
class TimeWindowEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:05:00Z");
    private static final List<String> FIXTURES =
            List.of("java-libs-dynamodb-time-window-event.json", "lambda-go-dynamodb-time-window-event.json");

    record Order(String id, String status, BigDecimal total, Set<String> tags, byte[] note) {
        Order withStatus(String newStatus) {
            return new Order(id, newStatus, total, tags, note);
        }
    }

    /**
     * A window's state with strings and a number, so both encodings of Lambda's state are read; {@code
     * "1"} is the fixtures' plain-string state.
     */
    record Tally(String customer, @JsonProperty("1") String first, Integer changes) {
        Tally counted() {
            return new Tally(customer, first, changes == null ? 1 : changes + 1);
        }
    }

    private static final Order PLACED =
            new Order("o-1", "PLACED", new BigDecimal("19.99"), Set.of("gift"), new byte[] {1, 2});

    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final List<Window> ended = new ArrayList<>();

    private TestStream lifeCycle() {
        return orders.stream()
                .startingAt(START.plusSeconds(10))
                .insert(PLACED)
                .modify(PLACED, PLACED.withStatus("PAID"))
                .remove(PLACED.withStatus("PAID"))
                .ttlExpire(PLACED.withStatus("ARCHIVED"))
                .insert(Map.of(
                        "id",
                        AttributeValue.s("raw"),
                        "nothing",
                        AttributeValue.Null.INSTANCE,
                        "empty",
                        new AttributeValue.L(List.of()),
                        "nested",
                        new AttributeValue.M(Map.of("deep", new AttributeValue.M(Map.of())))));
    }

    private TimeWindowEvent finalEvent(TestStream stream) {
        return stream.timeWindow(START, END)
                .withState(Map.of("customer", "alice", "1", "first", "changes", "{\"N\":\"2\"}"))
                .withShardId("shardId-00000001767225600000-0000000a")
                .withFinalInvoke(true)
                .withWindowTerminatedEarly(true);
    }

    private TumblingWindow<Tally> tally() {
        return TumblingWindow.builder(Tally.class)
                .initialState(() -> new Tally(null, null, null))
                .onInsert(Map.class, (state, item) -> state.counted())
                .onModify(Map.class, (state, change) -> state.counted())
                .onRemove(Map.class, (state, item) -> state.counted())
                .onWindowEnd((state, window) -> ended.add(window))
                .build();
    }

    private static DynamodbTimeWindowEvent viaRuntime(byte[] json) {
        return LambdaEventSerializers.serializerFor(
                        DynamodbTimeWindowEvent.class, TimeWindowEventTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    /** The records dynastream's processor reads, the way TumblingWindow hands it the event. */
    private static List<ChangeRecord> read(Consumer<StreamProcessor> process) {
        List<ChangeRecord> seen = new ArrayList<>();
        process.accept(StreamProcessor.builder()
                .logBatchSummary(false)
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        seen.add(record);
                    }
                })
                .build());
        return seen;
    }

    private static TimeWindowEventResponse raw(TumblingWindow<?> window, byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        window.process(new ByteArrayInputStream(json), out, TestContext.withRemainingTime(Duration.ofMinutes(1)));
        return TimeWindowHandlerFunction.readResponse(out.toByteArray());
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = TimeWindowEventTest.class.getResourceAsStream("/fixtures/events/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void jsonReadsBackThroughTheRuntimeDeserializerIntoTheDslsObject() {
        TestStream stream = lifeCycle();
        TimeWindowEvent event = finalEvent(stream);

        DynamodbTimeWindowEvent fromJson = viaRuntime(event.toJsonBytes());
        DynamodbTimeWindowEvent object = event.toDynamodbTimeWindowEvent();

        assertThat(fromJson.getWindow().getStart()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(fromJson.getWindow().getEnd()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(fromJson.getState())
                .isEqualTo(Map.of("customer", "alice", "1", "first", "changes", "{\"N\":\"2\"}"));
        assertThat(fromJson.getShardId()).isEqualTo("shardId-00000001767225600000-0000000a");
        assertThat(fromJson.getEventSourceArn()).isEqualTo(orders.streamArn());
        assertThat(fromJson.getIsFinalInvokeForWindow()).isTrue();
        assertThat(fromJson.getIsWindowTerminatedEarly()).isTrue();
        assertThat(fromJson.getRecords())
                .hasSize(5)
                .isEqualTo(stream.toDynamodbEvent().getRecords());

        assertThat(fromJson.getWindow().getStart()).isEqualTo(object.getWindow().getStart());
        assertThat(fromJson.getWindow().getEnd()).isEqualTo(object.getWindow().getEnd());
        assertThat(fromJson.getState()).isEqualTo(object.getState());
        assertThat(fromJson.getShardId()).isEqualTo(object.getShardId());
        assertThat(fromJson.getEventSourceArn()).isEqualTo(object.getEventSourceArn());
        assertThat(fromJson.getIsFinalInvokeForWindow()).isEqualTo(object.getIsFinalInvokeForWindow());
        assertThat(fromJson.getIsWindowTerminatedEarly()).isEqualTo(object.getIsWindowTerminatedEarly());
        assertThat(fromJson.getRecords()).isEqualTo(object.getRecords());
    }

    @Test
    void anEventOfTheDefaultsIsAFirstInvocationWithAnEmptyState() {
        TestStream stream = lifeCycle();

        DynamodbTimeWindowEvent fromJson =
                viaRuntime(stream.toTimeWindowJson(START, END).getBytes(StandardCharsets.UTF_8));

        assertThat(fromJson.getState()).isEmpty();
        assertThat(fromJson.getIsFinalInvokeForWindow()).isFalse();
        assertThat(fromJson.getIsWindowTerminatedEarly()).isFalse();
        assertThat(fromJson.getShardId()).isEqualTo(TimeWindowEvent.DEFAULT_SHARD_ID);
        assertThat(fromJson.getRecords()).isEqualTo(stream.toDynamodbEvent().getRecords());
    }

    @Test
    void aFinalInvocationWithoutRecordsNamesNoStreamUnlessTold() throws IOException {
        TimeWindowEvent empty = TimeWindowEvent.of(List.of(), START, END).withFinalInvoke(true);

        JsonNode json = JSON.readTree(empty.toJsonBytes());

        assertThat(json.get("Records").size()).isZero();
        assertThat(json.has("eventSourceARN")).isFalse();
        assertThat(json.get("isFinalInvokeForWindow").booleanValue()).isTrue();
        assertThat(JSON.readTree(empty.withEventSourceArn(orders.streamArn()).toJsonBytes())
                        .get("eventSourceARN")
                        .textValue())
                .isEqualTo(orders.streamArn());
    }

    @Test
    void jsonReadsBackThroughDynastreamsOwnReadingPathAsTheObjectDoes() {
        TestStream stream = lifeCycle();
        TimeWindowEvent event = finalEvent(stream);

        List<ChangeRecord> fromJson = read(p -> p.process(event.toInputStream()));
        List<ChangeRecord> fromObject = read(p -> p.process((DynamodbEvent) event.toDynamodbTimeWindowEvent()));
        TimeWindowEventResponse jsonResponse = raw(tally(), event.toJsonBytes());
        TimeWindowEventResponse objectResponse = tally().process(event.toDynamodbTimeWindowEvent());

        assertThat(fromJson).isEqualTo(stream.records());
        assertThat(fromObject).isEqualTo(stream.records());
        assertThat(jsonResponse.getState())
                .as("the state read from the event, then every record folded into it")
                .isEqualTo(Map.of("customer", "alice", "1", "first", "changes", "{\"N\":\"7\"}"));
        assertThat(jsonResponse.getBatchItemFailures()).isEmpty();
        assertThat(jsonResponse).isEqualTo(objectResponse);
        Window expected = new Window(START, END, Optional.of("shardId-00000001767225600000-0000000a"), true, true);
        assertThat(ended).containsExactly(expected, expected);
    }

    @Test
    void anInvocationThatIsNotFinalDoesNotEndTheWindowOnEitherPath() {
        TimeWindowEvent event = finalEvent(lifeCycle()).withFinalInvoke(false);

        TimeWindowEventResponse jsonResponse = raw(tally(), event.toJsonBytes());
        TimeWindowEventResponse objectResponse = tally().process(event.toDynamodbTimeWindowEvent());

        assertThat(jsonResponse).isEqualTo(objectResponse);
        assertThat(jsonResponse.getState()).containsEntry("changes", "{\"N\":\"7\"}");
        assertThat(ended).isEmpty();
    }

    @Test
    void theDslWritesThePublishedFixturesBackFieldForField() throws IOException {
        for (String name : FIXTURES) {
            byte[] published = fixture(name);
            DynamodbTimeWindowEvent runtime = viaRuntime(published);
            List<ChangeRecord> records = read(p -> p.process(new ByteArrayInputStream(published)));

            TimeWindowEvent dsl = TimeWindowEvent.of(
                            records,
                            Instant.parse(runtime.getWindow().getStart()),
                            Instant.parse(runtime.getWindow().getEnd()))
                    .withState(runtime.getState())
                    .withShardId(runtime.getShardId())
                    .withEventSourceArn(runtime.getEventSourceArn())
                    .withFinalInvoke(runtime.getIsFinalInvokeForWindow())
                    .withWindowTerminatedEarly(runtime.getIsWindowTerminatedEarly());

            assertThat(records)
                    .as(name)
                    .hasSize(JSON.readTree(published).get("Records").size());
            assertThat(JSON.readTree(dsl.toJsonBytes())).as(name).isEqualTo(JSON.readTree(published));
            DynamodbTimeWindowEvent object = dsl.toDynamodbTimeWindowEvent();
            assertThat(object.getRecords()).as(name).isEqualTo(runtime.getRecords());
            assertThat(object.getState()).as(name).isEqualTo(runtime.getState());
            assertThat(object.getWindow().getStart())
                    .as(name)
                    .isEqualTo(runtime.getWindow().getStart());
        }
    }

    @Test
    void thePublishedFixturesParseThroughTheSameReadingPathAsTheDslsJson() throws IOException {
        for (String name : FIXTURES) {
            byte[] published = fixture(name);
            DynamodbTimeWindowEvent runtime = viaRuntime(published);

            TimeWindowEventResponse fromJson = raw(tally(), published);
            TimeWindowEventResponse fromRuntime = tally().process(runtime);

            assertThat(fromJson.getState())
                    .as(name)
                    .containsEntry("1", "state1")
                    .containsEntry("changes", "{\"N\":\"" + runtime.getRecords().size() + "\"}");
            assertThat(fromJson).as(name).isEqualTo(fromRuntime);
            assertThat(read(p -> p.process(new ByteArrayInputStream(published))))
                    .as(name)
                    .isEqualTo(read(p -> p.process((DynamodbEvent) runtime)));
        }
        assertThat(ended).as("the fixtures are not final invocations").isEmpty();
    }

    @Test
    void aWindowMustEndAfterItStarts() {
        TestStream stream = lifeCycle();

        assertThatThrownBy(() -> stream.timeWindow(END, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a window must end after it starts but was [2026-01-01T00:05:00Z] to"
                        + " [2026-01-01T00:00:00Z]");
        assertThatThrownBy(() -> stream.timeWindow(START, END).withState(Collections.singletonMap("k", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("state value of [k]");
    }
}
