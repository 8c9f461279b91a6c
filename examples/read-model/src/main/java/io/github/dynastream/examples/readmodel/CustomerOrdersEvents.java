package io.github.dynastream.examples.readmodel;

import io.github.dynastream.Change;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import java.util.Objects;

/**
 * The handler: keeps each customer's projection in step with their orders. Each change sets the
 * order's state in the projection to what the record's image says (or removes the order), which is
 * the same however often the record is delivered, but only right if each order's changes come in
 * stream order, as Lambda delivers them.
 */
final class CustomerOrdersEvents {
    private final CustomerOrdersStore store;

    CustomerOrdersEvents(CustomerOrdersStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @OnInsert
    void placed(Order order) {
        if (order.isOrder()) {
            store.update(
                    order.customerId(), projection -> projection.with(order.id(), CustomerOrders.OrderState.of(order)));
        }
    }

    /** Only changes of what the projection reads wake this method; a new note does not. */
    @OnModify(changed = {"status", "total", "customerId"})
    void changed(Change<Order> change) {
        Order before = change.oldItem();
        Order after = change.newItem();
        if (!after.isOrder()) {
            return;
        }
        if (!Objects.equals(before.customerId(), after.customerId())) {
            store.update(before.customerId(), projection -> projection.without(before.id()));
        }
        store.update(
                after.customerId(), projection -> projection.with(after.id(), CustomerOrders.OrderState.of(after)));
    }

    /** A delete, by a user or by Time to Live, takes the order out of the projection. */
    @OnRemove
    void removed(Order order) {
        if (order.isOrder()) {
            store.update(order.customerId(), projection -> projection.without(order.id()));
        }
    }
}
