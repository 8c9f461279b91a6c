package io.github.dynastream.examples.readmodel;

import static io.github.dynastream.examples.readmodel.Orders.order;
import static io.github.dynastream.examples.readmodel.Orders.withNote;
import static io.github.dynastream.examples.readmodel.Orders.withStatus;
import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.readmodel.Order.Status;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Invocation;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The projection under Lambda's rules, with several batches of the shard in flight at once. */
class ReadModelSimulationTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();

    @Test
    void perItemOrderKeepsTheProjectionRightWithSeveralBatchesOfTheShardInFlight() {
        // four customers with three orders each; every order goes through its life cycle, with notes
        // (which do not wake the handler) in between; the changes of all orders are interleaved
        Map<String, Order> last = new LinkedHashMap<>();
        List<String> customers = List.of("alice", "bob", "carol", "dave");
        TestStream stream = orders.stream();
        for (int n = 0; n < 12; n++) {
            Order placed = order("o-" + n, customers.get(n % 4), Status.PLACED, (10 + n) + ".50");
            stream.insert(placed);
            last.put(placed.id(), placed);
        }
        List<Status> lifeCycle = List.of(Status.PAID, Status.SHIPPED, Status.DELIVERED);
        for (Status next : lifeCycle) {
            for (Order before : List.copyOf(last.values())) {
                // every third order is cancelled instead of delivered; every other one gets a note first
                Status status = next == Status.DELIVERED && before.id().hashCode() % 3 == 0 ? Status.CANCELLED : next;
                Order noted = withNote(before, "note before " + status);
                if (before.id().hashCode() % 2 == 0) {
                    stream.modify(before, noted);
                }
                Order after = withStatus(noted, status);
                stream.modify(before.id().hashCode() % 2 == 0 ? noted : before, after);
                last.put(after.id(), after);
            }
        }
        for (int n = 0; n < 12; n += 5) { // some orders stay open
            Order reopened = order("o-" + n + "b", customers.get(n % 4), Status.PLACED, "5");
            stream.insert(reopened);
            last.put(reopened.id(), reopened);
        }
        InMemoryCustomerOrdersStore store = new InMemoryCustomerOrdersStore();
        // the projection table throttles some updates: Lambda retries those records
        FlakyStore flaky = new FlakyStore(store, Map.of("bob", 2, "carol", 1));
        List<ChangeRecord> handled = Collections.synchronizedList(new ArrayList<>());
        StreamProcessor processor = ReadModel.processor(flaky, ProcessingListener.onRecords(outcome -> {
            if (outcome.status() == RecordOutcome.Status.SUCCEEDED) {
                handled.add(outcome.record());
            }
        }));

        Simulation lambda = EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(5)
                .batchSize(5)
                .parallelizationFactor(4)
                .build()
                .run(stream, processor::process);

        assertThat(lambda).hasNothingAtFailureDestination().lostNothing(handled).handledEachKeyInOrder(handled);
        assertThat(lambda.invocations()).extracting(Invocation::lane).contains(0, 1, 2, 3);
        assertThat(lambda.invocations()).extracting(Invocation::outcome).contains(Invocation.Outcome.PARTIAL_FAILURE);
        for (String customer : customers) {
            Map<String, CustomerOrders.OrderState> expected = new LinkedHashMap<>();
            last.values().stream()
                    .filter(o -> o.customerId().equals(customer))
                    .forEach(o -> expected.put(o.id(), CustomerOrders.OrderState.of(o)));
            assertThat(store.get(customer).orders()).as(customer).isEqualTo(expected);
        }
        assertThat(store.all().values().stream()
                        .mapToInt(CustomerOrders::openOrders)
                        .sum())
                .isEqualTo(3);
    }
}
