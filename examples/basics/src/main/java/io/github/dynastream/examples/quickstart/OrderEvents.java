package io.github.dynastream.examples.quickstart;

import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.examples.orders.Order;

/** The README's quick start, kept here so it always compiles. */
public class OrderEvents {
    @OnInsert
    void placed(Order order) {
        System.out.println("placed " + order.id());
    }

    @OnModify(changed = "status")
    void statusChanged(Change<Order> change) {
        System.out.println(change.oldItem().status() + " -> " + change.newItem().status());
    }

    @OnRemove(ttl = OnRemove.Ttl.EXCLUDE)
    void deleted(Order order, ChangeRecord record) {
        System.out.println("deleted " + order.id() + " at " + record.sequenceNumber());
    }
}
