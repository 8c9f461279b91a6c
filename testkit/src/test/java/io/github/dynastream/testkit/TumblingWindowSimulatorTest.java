package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.window.TumblingWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
                        "2026-12-01T10:00:00Z: 3 orders, 7.50",
                        "2026-12-01T10:05:00Z: 2 orders, 10.00",
                        "2026-12-01T10:10:00Z: 2 orders, 14.00");
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
        assertThat(published).first().isEqualTo("2026-12-01T10:00:00Z: 3 orders, 7.50");
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
