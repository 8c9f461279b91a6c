package io.github.dynastream.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TumblingWindowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Order(String id, String customer, BigDecimal total) {}

    record Totals(int orders, BigDecimal amount, Set<String> customers) {
        Totals plus(Order order) {
            Set<String> more = new TreeSet<>(customers);
            more.add(order.customer());
            return new Totals(orders + 1, amount.add(order.total()), more);
        }
    }

    private final List<String> ended = new ArrayList<>();

    private TumblingWindow<Totals> totals() {
        return TumblingWindow.builder(Totals.class)
                .initialState(() -> new Totals(0, BigDecimal.ZERO, Set.of()))
                .onInsert(Order.class, (state, order) -> {
                    if (order.id().equals("poison")) {
                        throw new IllegalStateException("cannot fold this order");
                    }
                    return state.plus(order);
                })
                .onRemove(
                        Order.class,
                        (state, order) -> new Totals(
                                state.orders() - 1, state.amount().subtract(order.total()), state.customers()))
                .onWindowEnd((state, window) -> ended.add(window.start() + "/" + window.end() + " "
                        + window.shardId().orElse("?") + ": " + state.orders() + " orders, " + state.amount()))
                .build();
    }

    private static String insert(String sequence, String id, String customer, String total) {
        return """
                {"eventID":"e-%1$s","eventName":"INSERT","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
                 "dynamodb":{"Keys":{"id":{"S":"%2$s"}},"SequenceNumber":"%1$s","StreamViewType":"NEW_AND_OLD_IMAGES",
                  "NewImage":{"id":{"S":"%2$s"},"customer":{"S":"%3$s"},"total":{"N":"%4$s"}}}}""".formatted(sequence, id, customer, total);
    }

    private static String remove(String sequence, String id, String customer, String total) {
        return insert(sequence, id, customer, total)
                .replace("\"INSERT\"", "\"REMOVE\"")
                .replace("\"NewImage\"", "\"OldImage\"");
    }

    private static String event(Map<String, String> state, boolean finalInvoke, String... records) {
        try {
            return """
                    {"Records":[%s],"window":{"start":"2026-12-01T10:00:00Z","end":"2026-12-01T10:05:00Z"},
                     "state":%s,"shardId":"shard-1","eventSourceARN":"arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/x",
                     "isFinalInvokeForWindow":%s,"isWindowTerminatedEarly":false}""".formatted(String.join(",", records), JSON.writeValueAsString(state), finalInvoke);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response JSON a RequestStreamHandler writes, and the state in it. */
    private record Answer(Map<String, String> state, List<String> failures) {}

    private static Answer raw(TumblingWindow<?> window, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        window.process(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        try {
            JsonNode response = JSON.readTree(out.toByteArray());
            Map<String, String> state = new LinkedHashMap<>();
            response.get("state")
                    .fields()
                    .forEachRemaining(e -> state.put(e.getKey(), e.getValue().asText()));
            List<String> failures = new ArrayList<>();
            response.get("batchItemFailures")
                    .forEach(f -> failures.add(f.get("itemIdentifier").asText()));
            return new Answer(state, failures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DynamodbTimeWindowEvent viaRuntime(String json) {
        return LambdaEventSerializers.serializerFor(
                        DynamodbTimeWindowEvent.class, TumblingWindowTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theStateIsCarriedFromInvocationToInvocationAndTheFinalOneHandsItToOnWindowEnd() {
        TumblingWindow<Totals> window = totals();

        Answer first = raw(
                window,
                event(Map.of(), false, insert("100", "o-1", "alice", "25.00"), insert("101", "o-2", "bob", "40.10")));
        Answer second = raw(window, event(first.state(), false, remove("102", "o-1", "alice", "25.00")));
        Answer last = raw(window, event(second.state(), true));

        assertThat(first.failures()).isEmpty();
        assertThat(first.state())
                .containsEntry("orders", "{\"N\":\"2\"}")
                .containsEntry("amount", "{\"N\":\"65.10\"}")
                .containsEntry("customers", "{\"SS\":[\"alice\",\"bob\"]}");
        assertThat(second.state())
                .containsEntry("orders", "{\"N\":\"1\"}")
                .containsEntry("amount", "{\"N\":\"40.10\"}");
        assertThat(ended).containsExactly("2026-12-01T10:00:00Z/2026-12-01T10:05:00Z shard-1: 1 orders, 40.10");
        assertThat(last.state()).isEqualTo(second.state());
    }

    @Test
    void aRecordThatCannotBeFoldedStopsTheInvocationWithTheStateBeforeIt() {
        TumblingWindow<Totals> window = totals();

        Answer answer = raw(
                window,
                event(
                        Map.of(),
                        true,
                        insert("100", "o-1", "alice", "25.00"),
                        insert("101", "poison", "mallory", "1"),
                        insert("102", "o-3", "carol", "2")));

        assertThat(answer.failures()).containsExactly("101");
        assertThat(answer.state())
                .containsEntry("orders", "{\"N\":\"1\"}")
                .containsEntry("amount", "{\"N\":\"25.00\"}");
        assertThat(ended)
                .as("a failed final invocation does not end the window")
                .isEmpty();
    }

    @Test
    void theRuntimesDeserializedEventGivesTheSameResponseAsTheRawJson() {
        String json = event(
                Map.of("orders", "{\"N\":\"5\"}", "amount", "{\"N\":\"1.5\"}", "customers", "{\"L\":[]}"),
                true,
                insert("100", "o-1", "alice", "25.00"),
                insert("101", "poison", "mallory", "1"));

        TimeWindowEventResponse object = totals().process(viaRuntime(json));
        Answer raw = raw(totals(), json);

        assertThat(object.getState()).isEqualTo(raw.state());
        assertThat(object.getBatchItemFailures())
                .extracting(TimeWindowEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(raw.failures());
        assertThat(object.getState()).containsEntry("orders", "{\"N\":\"6\"}");
    }

    record Exact(BigDecimal big, Set<String> tags, byte[] bytes, String braces, String plain, Instant at) {}

    @Test
    void theStateSurvivesInvocationsExactly() {
        TumblingWindow<Exact> window = TumblingWindow.builder(Exact.class)
                .initialState(() -> new Exact(
                        new BigDecimal("12345678901234567890123456789012345678"),
                        Set.of("b", "a"),
                        new byte[] {0, -1, 7},
                        "{not json}",
                        "plain text",
                        Instant.parse("2026-12-01T10:00:00.123456789Z")))
                .onInsert(Order.class, (state, order) -> state)
                .build();

        Answer first = raw(window, event(Map.of(), false, insert("100", "o-1", "alice", "1")));
        Answer second = raw(window, event(first.state(), false, insert("101", "o-2", "bob", "2")));

        assertThat(second.state()).isEqualTo(first.state());
        assertThat(first.state())
                .containsEntry("big", "{\"N\":\"12345678901234567890123456789012345678\"}")
                .containsEntry("plain", "plain text")
                .containsEntry("braces", "{\"S\":\"{not json}\"}");
    }

    /** The fixtures' state is {"1": "state1"}: a state type with a field "1", and a count they lack. */
    record Seen(@JsonProperty("1") String first, Integer records) {
        Seen counted() {
            return new Seen(first, records == null ? 1 : records + 1);
        }
    }

    @Test
    void thePublishedTimeWindowEventsAreProcessedWithTheirPlainStringState() throws IOException {
        for (String fixture :
                List.of("java-libs-dynamodb-time-window-event.json", "lambda-go-dynamodb-time-window-event.json")) {
            TumblingWindow<Seen> window = TumblingWindow.builder(Seen.class)
                    .initialState(() -> new Seen(null, null))
                    .onInsert(Map.class, (state, item) -> state.counted())
                    .onModify(Map.class, (state, change) -> state.counted())
                    .onRemove(Map.class, (state, item) -> state.counted())
                    .build();
            byte[] json;
            try (InputStream in = getClass().getResourceAsStream("/fixtures/events/" + fixture)) {
                json = in.readAllBytes();
            }
            int records = JSON.readTree(json).get("Records").size();

            Answer answer = raw(window, new String(json, StandardCharsets.UTF_8));

            assertThat(answer.failures()).as(fixture).isEmpty();
            assertThat(answer.state())
                    .as(fixture)
                    .containsEntry("1", "state1")
                    .containsEntry("records", "{\"N\":\"" + records + "\"}");
        }
    }

    @Test
    void aStateThatIsNotOneThisAggregationWroteIsNamedButNotShown() {
        assertThatThrownBy(() -> raw(totals(), event(Map.of("orders", "{\"N\":\"oops-secret\"}"), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window state entry [orders]")
                .hasMessageNotContaining("oops-secret");
    }

    @Test
    void aFailingWindowEndFailsTheInvocationSoLambdaRetriesIt() {
        TumblingWindow<Totals> window = TumblingWindow.builder(Totals.class)
                .initialState(() -> new Totals(0, BigDecimal.ZERO, Set.of()))
                .onInsert(Order.class, (state, order) -> state.plus(order))
                .onWindowEnd((state, w) -> {
                    throw new IOException("metrics endpoint down");
                })
                .build();

        assertThatThrownBy(() -> raw(window, event(Map.of(), true)))
                .isInstanceOf(TumblingWindow.WindowEndException.class)
                .hasMessageContaining("2026-12-01T10:00:00Z to 2026-12-01T10:05:00Z")
                .hasRootCauseMessage("metrics endpoint down");
    }

    @Test
    void anAggregationNeedsAnInitialStateAndAFold() {
        assertThatThrownBy(() -> TumblingWindow.builder(Totals.class)
                        .onInsert(Order.class, (s, o) -> s)
                        .build())
                .hasMessageContaining("no initial state");
        assertThatThrownBy(() -> TumblingWindow.builder(Totals.class)
                        .initialState(() -> null)
                        .build())
                .hasMessageContaining("no fold");
    }
}
