package io.github.dynastream.examples.quickstart;

import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import java.util.function.Consumer;

/** What happens to orders: each change of the Orders table becomes one message. */
public class OrderEvents {
    private final Consumer<String> messages;

    public OrderEvents(Consumer<String> messages) {
        this.messages = messages;
    }

    @OnInsert
    void placed(Order order) { // Order mapped from the NewImage
        messages.accept("order " + order.id() + " placed by " + order.customer());
    }

    @OnModify(changed = "status") // only when "status" changed
    void statusChanged(Change<Order> change) { // change.oldItem(), change.newItem()
        messages.accept("order " + change.newItem().id() + ": "
                + change.oldItem().status() + " -> " + change.newItem().status());
    }

    @OnRemove(ttl = OnRemove.Ttl.EXCLUDE) // deletes by users, not TTL expiry
    void deleted(Order order, ChangeRecord record) { // Order mapped from the OldImage
        messages.accept("order " + order.id() + " deleted (" + record.eventId() + ")");
    }
}
