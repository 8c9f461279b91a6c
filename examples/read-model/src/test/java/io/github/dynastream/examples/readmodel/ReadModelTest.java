package io.github.dynastream.examples.readmodel;

import static io.github.dynastream.examples.readmodel.Orders.order;
import static io.github.dynastream.examples.readmodel.Orders.state;
import static io.github.dynastream.examples.readmodel.Orders.withCustomer;
import static io.github.dynastream.examples.readmodel.Orders.withNote;
import static io.github.dynastream.examples.readmodel.Orders.withStatus;
import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.readmodel.Order.Status;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadModelTest {
    private final TestTable orders =
            StreamEvents.table("Orders").partitionKey("id").build();
    private final InMemoryCustomerOrdersStore store = new InMemoryCustomerOrdersStore();
    private final StreamProcessor processor = ReadModel.processor(store);

    @Test
    void keepsEachCustomersOpenOrdersAndTheLastStatusOfEach() {
        Order o1 = order("o-1", "alice", Status.PLACED, "59.90");
        Order o2 = order("o-2", "alice", Status.PLACED, "20.00");
        Order o3 = order("o-3", "bob", Status.PLACED, "10");
        TestStream stream = orders.stream()
                .insert(o1)
                .insert(o2)
                .insert(o3)
                .modify(o1, withStatus(o1, Status.PAID))
                .modify(withStatus(o1, Status.PAID), withStatus(o1, Status.DELIVERED))
                .modify(o3, withStatus(o3, Status.CANCELLED));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        CustomerOrders alice = store.get("alice");
        assertThat(alice.openOrders()).isEqualTo(1);
        assertThat(alice.openTotal()).isEqualByComparingTo("20.00");
        assertThat(alice.orders())
                .containsExactly(
                        Map.entry("o-1", state(Status.DELIVERED, "59.90")),
                        Map.entry("o-2", state(Status.PLACED, "20")));
        CustomerOrders bob = store.get("bob");
        assertThat(bob.openOrders()).isZero();
        assertThat(bob.openTotal()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(bob.orders()).containsOnlyKeys("o-3");
    }

    @Test
    void onlyChangesOfTheFieldsTheProjectionReadsWakeTheHandler() {
        Order placed = order("o-1", "alice", Status.PLACED, "59.90");
        Order noted = withNote(placed, "leave at the door");
        TestStream stream = orders.stream()
                .insert(placed)
                .modify(placed, noted)
                .modify(noted, withNote(noted, "ring twice"))
                .modify(withNote(noted, "ring twice"), withStatus(withNote(noted, "ring twice"), Status.PAID));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(store.updates())
                .as("updates: the insert and the status change")
                .isEqualTo(2);
        assertThat(store.get("alice").orders()).containsExactly(Map.entry("o-1", state(Status.PAID, "59.90")));
    }

    @Test
    void eachOrdersChangesMustBeAppliedInStreamOrder() {
        Order o1 = order("o-1", "alice", Status.PLACED, "59.90");
        Order o2 = order("o-2", "alice", Status.PLACED, "20.00");
        List<ChangeRecord> records = orders.stream()
                .insert(o1)
                .insert(o2)
                .modify(o1, withStatus(o1, Status.PAID))
                .modify(withStatus(o1, Status.PAID), withStatus(o1, Status.CANCELLED))
                .records();

        assertThat(processor.processRecords(records).isSuccess()).isTrue();
        CustomerOrders inOrder = store.get("alice");

        List<ChangeRecord> swapped = new ArrayList<>(records);
        Collections.swap(swapped, 2, 3); // o-1 cancelled, then paid
        InMemoryCustomerOrdersStore other = new InMemoryCustomerOrdersStore();
        assertThat(ReadModel.processor(other).processRecords(swapped).isSuccess())
                .isTrue();
        CustomerOrders outOfOrder = other.get("alice");

        assertThat(inOrder.orders().get("o-1").status()).isEqualTo(Status.CANCELLED);
        assertThat(inOrder.openOrders()).isEqualTo(1);
        assertThat(inOrder.openTotal()).isEqualByComparingTo("20.00");
        // the same changes, one order's two changes swapped: the cancelled order counts as open and paid
        assertThat(outOfOrder.orders().get("o-1").status()).isEqualTo(Status.PAID);
        assertThat(outOfOrder.openOrders()).isEqualTo(2);
        assertThat(outOfOrder.openTotal()).isEqualByComparingTo("79.90");
    }

    @Test
    void aRedeliveredBatchLeavesTheProjectionAsItWas() {
        Order o1 = order("o-1", "alice", Status.PLACED, "59.90");
        Order o2 = order("o-2", "alice", Status.PLACED, "20.00");
        TestStream stream = orders.stream()
                .insert(o1)
                .insert(o2)
                .modify(o1, withStatus(o1, Status.SHIPPED))
                .remove(o2);

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        CustomerOrders once = store.get("alice");
        // Lambda delivers the whole batch again, e.g. after the invocation timed out once the work was done
        assertThat(processor.process(stream.toDynamodbEvent())).hasNoFailures();
        CustomerOrders twice = store.get("alice");

        assertThat(twice.orders()).isEqualTo(once.orders()).containsOnlyKeys("o-1");
        assertThat(twice.openOrders()).isEqualTo(1);
        assertThat(twice.openTotal()).isEqualByComparingTo("59.90");
    }

    @Test
    void anOrderThatMovesToAnotherCustomerLeavesTheFirst() {
        Order o1 = order("o-1", "alice", Status.PLACED, "59.90");
        TestStream stream = orders.stream().insert(o1).modify(o1, withCustomer(o1, "bob"));

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(store.get("alice").orders()).isEmpty();
        assertThat(store.get("bob").orders()).containsOnlyKeys("o-1");
    }

    @Test
    void anExpiredOrderLeavesTheProjectionAndItemsThatAreNotOrdersAreIgnored() {
        Order o1 = order("o-1", "alice", Status.DELIVERED, "59.90");
        Order notAnOrder = new Order("alice#profile", "CUSTOMER", "alice", null, null, "vip");
        TestStream stream =
                orders.stream().insert(o1).insert(notAnOrder).ttlExpire(o1).remove(notAnOrder);

        assertThat(processor.process(stream.toInputStream())).hasNoFailures();

        assertThat(store.get("alice").orders()).isEmpty();
        assertThat(store.updates()).isEqualTo(2);
    }
}
