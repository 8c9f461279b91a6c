package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.window.DynamoDbTimeWindowHandler;
import io.github.dynastream.window.TumblingWindow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Tumbling windows over several invocations: core's TumblingWindow under the simulator. */
class TumblingWindowSimulatorTest {
    record Order(String id, String customer, BigDecimal total) {}

    record Totals(int orders, BigDecimal amount) {}

    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final List<String> published = new ArrayList<>();
    private final Set<String> failOnce = new HashSet<>();

    private TumblingWindow<Totals> totals() {
        return TumblingWindow.builder(Totals.class)
                .initialState(() -> new Totals(0, BigDecimal.ZERO))
                .onInsert(Order.class, (state, order) -> {
                    if (failOnce.remove(order.id())) {
                        throw new IllegalStateException("downstream busy");
                    }
                    return new Totals(state.orders() + 1, state.amount().add(order.total()));
                })
                .onWindowEnd((state, window) ->
                        published.add(window.start() + ": " + state.orders() + " orders, " + state.amount()))
                .build();
    }

    /** Seven orders two minutes apart: windows of five minutes hold 3, 2 and 2 of them. */
    private TestStream sevenOrders() {
        TestStream stream = orders.stream()
                .startingAt(Instant.parse("2026-12-01T10:00:00Z"))
                .spacedBy(Duration.ofMinutes(2));
        for (int i = 1; i <= 7; i++) {
            stream.insert(new Order("o-" + i, "c", new BigDecimal(i + ".50")));
        }
        return stream;
    }

    @Test
    void eachWindowIsAggregatedAcrossItsBatchesAndPublishedOnceOnItsFinalInvocation() {
        List<WindowInvocation> invocations = TumblingWindowSimulator.builder()
                .window(Duration.ofMinutes(5))
                .batchSize(2)
                .build()
                .run(sevenOrders(), totals()::process);

        assertThat(published)
                .containsExactly(
                        "2026-12-01T10:00:00Z: 3 orders, 7.5",
                        "2026-12-01T10:05:00Z: 2 orders, 10.0",
                        "2026-12-01T10:10:00Z: 2 orders, 14.0");
        assertThat(invocations)
                .extracting(i -> i.batch().size() + (i.finalInvoke() ? " final" : ""))
                .containsExactly("2", "1", "0 final", "2", "0 final", "2", "0 final");
        assertThat(invocations.get(1).stateIn())
                .isEqualTo(invocations.get(0).stateOut().orElseThrow());
        assertThat(invocations.get(3).stateIn())
                .as("a new window starts with a fresh state")
                .isEmpty();
        assertThat(invocations).allMatch(i -> i.outcome() == WindowInvocation.Outcome.SUCCEEDED);
    }

    @Test
    void aFailedRecordIsRetriedWithTheStateBeforeItSoNoOrderIsCountedTwice() {
        failOnce.add("o-2");

        List<WindowInvocation> invocations =
                TumblingWindowSimulator.builder().batchSize(3).build().run(sevenOrders(), totals()::process);

        assertThat(invocations.get(0).outcome()).isEqualTo(WindowInvocation.Outcome.PARTIAL_FAILURE);
        assertThat(invocations.get(1).batch())
                .extracting(r -> r.keys().toString())
                .hasSize(2);
        assertThat(published).first().isEqualTo("2026-12-01T10:00:00Z: 3 orders, 7.5");
    }

    @Test
    void aWindowEndThatFailsIsRetriedUntilItSucceeds() { // one window of 15 minutes holds all seven
        int[] failures = {2};
        TumblingWindow<Totals> window = TumblingWindow.builder(Totals.class)
                .initialState(() -> new Totals(0, BigDecimal.ZERO))
                .onInsert(Order.class, (state, order) -> new Totals(state.orders() + 1, state.amount()))
                .onWindowEnd((state, w) -> {
                    if (failures[0]-- > 0) {
                        throw new IllegalStateException("metrics endpoint down");
                    }
                    published.add(w.start() + ": " + state.orders());
                })
                .build();

        List<WindowInvocation> invocations = TumblingWindowSimulator.builder()
                .window(Duration.ofSeconds(900))
                .build()
                .run(sevenOrders(), window::process);

        assertThat(invocations)
                .extracting(WindowInvocation::outcome)
                .containsExactly(
                        WindowInvocation.Outcome.SUCCEEDED,
                        WindowInvocation.Outcome.FAILED,
                        WindowInvocation.Outcome.FAILED,
                        WindowInvocation.Outcome.SUCCEEDED);
        assertThat(published).containsExactly("2026-12-01T10:00:00Z: 7");
    }

    /** What one run through a window saw: each invocation as comparable facts, and what was published. */
    private record Run(List<Seen> invocations, List<String> published) {}

    /** An invocation's facts; the error by class, as the two paths throw equal but not identical ones. */
    private record Seen(
            int number,
            Instant windowStart,
            Instant windowEnd,
            List<ChangeRecord> batch,
            Map<String, String> stateIn,
            boolean finalInvoke,
            WindowInvocation.Outcome outcome,
            Optional<Map<String, String>> stateOut,
            List<String> failures,
            Class<?> error) {
        static Seen of(WindowInvocation i) {
            return new Seen(
                    i.number(),
                    i.windowStart(),
                    i.windowEnd(),
                    i.batch(),
                    i.stateIn(),
                    i.finalInvoke(),
                    i.outcome(),
                    i.stateOut(),
                    i.response() == null
                            ? List.of()
                            : i.response().getBatchItemFailures().stream()
                                    .map(TimeWindowEventResponse.BatchItemFailure::getItemIdentifier)
                                    .toList(),
                    i.error() == null ? null : i.error().getClass());
        }
    }

    /**
     * Seven orders in one window of 15 minutes, in batches of 2: order o-4 fails once (a reported item
     * failure, retried from it) and the window end fails once (a failed final invocation, retried).
     */
    private Run oneWindowThroughTheObjectPath() {
        return oneWindow(window -> window::process);
    }

    private Run oneWindowThroughTheJsonPath(List<byte[]> events) {
        return oneWindow(window -> TimeWindowHandlerFunction.of((input, output, context) -> {
            byte[] event = input.readAllBytes();
            events.add(event);
            new DynamoDbTimeWindowHandler(window) {}.handleRequest(new ByteArrayInputStream(event), output, context);
        }));
    }

    private Run oneWindow(
            Function<TumblingWindow<Totals>, Function<DynamodbTimeWindowEvent, TimeWindowEventResponse>> function) {
        List<String> publishedHere = new ArrayList<>();
        Set<String> failing = new HashSet<>(Set.of("o-4"));
        int[] windowEndFailures = {1};
        TumblingWindow<Totals> window = TumblingWindow.builder(Totals.class)
                .initialState(() -> new Totals(0, BigDecimal.ZERO))
                .onInsert(Order.class, (state, order) -> {
                    if (failing.remove(order.id())) {
                        throw new IllegalStateException("downstream busy");
                    }
                    return new Totals(state.orders() + 1, state.amount().add(order.total()));
                })
                .onWindowEnd((state, w) -> {
                    if (windowEndFailures[0]-- > 0) {
                        throw new IllegalStateException("metrics endpoint down");
                    }
                    publishedHere.add(w.start() + ": " + state.orders() + " orders, " + state.amount());
                })
                .build();
        List<WindowInvocation> invocations = TumblingWindowSimulator.builder()
                .window(Duration.ofSeconds(900))
                .batchSize(2)
                .build()
                .run(sevenOrders(), function.apply(window));
        return new Run(invocations.stream().map(Seen::of).toList(), publishedHere);
    }

    @Test
    void theDeployedHandlerThroughItsJsonEntryPointRunsTheSameSimulationAsTheObjectPath() {
        Run objects = oneWindowThroughTheObjectPath();
        Run json = oneWindowThroughTheJsonPath(new ArrayList<>());

        assertThat(json.invocations())
                .extracting(i -> i.batch().size() + (i.finalInvoke() ? " final" : "") + " " + i.outcome())
                .containsExactly(
                        "2 SUCCEEDED",
                        "2 PARTIAL_FAILURE", // o-3 folded, o-4 failed
                        "2 SUCCEEDED", // o-4 again, o-5
                        "2 SUCCEEDED",
                        "0 final FAILED", // the window end threw
                        "0 final SUCCEEDED");
        assertThat(json.invocations().get(1).failures()).hasSize(1);
        assertThat(json.invocations().get(2).batch().get(0).sequenceNumber())
                .isEqualTo(json.invocations().get(1).failures().get(0));
        for (int i = 1; i < json.invocations().size(); i++) {
            assertThat(json.invocations().get(i).stateIn())
                    .as("invocation %d carries the state invocation %d returned", i + 1, i)
                    .isEqualTo(json.invocations()
                            .get(i - 1)
                            .stateOut()
                            .orElse(json.invocations().get(i - 1).stateIn()));
        }
        assertThat(json.invocations().get(4).error()).isEqualTo(TumblingWindow.WindowEndException.class);
        assertThat(json.published()).containsExactly("2026-12-01T10:00:00Z: 7 orders, 31.5");
        assertThat(json).isEqualTo(objects);
    }

    @Test
    void eachInvocationsEventJsonCarriesItsWindowStateAndFlags() throws IOException {
        List<byte[]> events = new ArrayList<>();
        Run json = oneWindowThroughTheJsonPath(events);

        assertThat(events).hasSameSizeAs(json.invocations());
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < events.size(); i++) {
            Seen invocation = json.invocations().get(i);
            JsonNode event = mapper.readTree(events.get(i));
            Map<String, String> state = new LinkedHashMap<>();
            event.get("state")
                    .fields()
                    .forEachRemaining(e -> state.put(e.getKey(), e.getValue().textValue()));
            assertThat(state).as("invocation %d", i + 1).isEqualTo(invocation.stateIn());
            assertThat(event.get("window").get("start").textValue()).isEqualTo("2026-12-01T10:00:00Z");
            assertThat(event.get("window").get("end").textValue()).isEqualTo("2026-12-01T10:15:00Z");
            assertThat(event.get("isFinalInvokeForWindow").booleanValue()).isEqualTo(invocation.finalInvoke());
            assertThat(event.get("isWindowTerminatedEarly").booleanValue()).isFalse();
            assertThat(event.get("shardId").textValue()).isEqualTo("shardId-00000001767225600000-00000001");
            List<String> sequenceNumbers = new ArrayList<>();
            event.get("Records")
                    .forEach(r -> sequenceNumbers.add(
                            r.get("dynamodb").get("SequenceNumber").textValue()));
            assertThat(sequenceNumbers)
                    .isEqualTo(invocation.batch().stream()
                            .map(ChangeRecord::sequenceNumber)
                            .toList());
        }
        assertThat(json.invocations().get(3).stateIn()).isNotEmpty();
    }

    @Test
    void aResponseWithoutStateIsAFailedInvocationAndOneWithAnUnreadableStateAnInvalidResponse() {
        TestStream stream = sevenOrders();
        TimeWindowHandlerFunction noState = TimeWindowHandlerFunction.of((input, output, context) ->
                output.write("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8)));
        TimeWindowHandlerFunction numberState = TimeWindowHandlerFunction.of((input, output, context) ->
                output.write("{\"state\":{\"orders\":282}}".getBytes(StandardCharsets.UTF_8)));
        TimeWindowEvent event =
                stream.timeWindow(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:05:00Z"));

        assertThat(noState.apply(event).getState()).isNull();
        assertThatThrownBy(() -> TumblingWindowSimulator.builder()
                        .maximumInvocations(3)
                        .build()
                        .run(stream, noState))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needed more than 3 invocations");
        assertThatThrownBy(() -> numberState.apply(event.toDynamodbTimeWindowEvent()))
                .isInstanceOf(StreamHandlerFunction.InvalidResponseException.class)
                .hasMessageStartingWith("state.orders is a JSON NUMBER, not a string")
                .hasMessageNotContaining("282");
        assertThatThrownBy(() -> numberState.apply(new DynamodbTimeWindowEvent()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TimeWindowEvent and TumblingWindowSimulator");
    }

    @Test
    void settingsOutsideLambdasLimitsAreRejected() {
        assertThatThrownBy(() -> TumblingWindowSimulator.builder()
                        .window(Duration.ofSeconds(901))
                        .build())
                .hasMessage("window must be whole seconds between 1 and 900 but was [PT15M1S]");
        assertThatThrownBy(() -> TumblingWindowSimulator.builder().batchSize(0).build())
                .hasMessage("batch size must be between 1 and 10000 but was [0]");
    }
}
