package io.github.dynastream.examples.orders;

import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import java.util.Objects;

/**
 * What the business does when orders change. Plain methods on a plain class: dynastream finds them by
 * their annotations and hands each one the {@link Order} mapped from the stream image.
 */
public class OrderEvents {
    private final Notifications notifications;

    /** @param notifications where the handlers send their messages */
    public OrderEvents(Notifications notifications) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    @OnInsert
    void placed(Order order) {
        int items = order.lines().stream().mapToInt(Order.Line::quantity).sum();
        notifications.send(
                order.customer(),
                "order " + order.id() + " placed: " + items + " item(s), total "
                        + order.total().toPlainString());
    }

    @OnModify(changed = "status")
    void statusChanged(Change<Order> change) {
        Order after = change.newItem();
        notifications.send(
                after.customer(),
                "order " + after.id() + " is now " + after.status() + " (was "
                        + change.oldItem().status() + ")");
    }

    @OnRemove(ttl = OnRemove.Ttl.EXCLUDE)
    void deleted(Order order) {
        notifications.send(order.customer(), "order " + order.id() + " was deleted");
    }

    @OnRemove(ttl = OnRemove.Ttl.ONLY)
    void expired(Order order, ChangeRecord record) {
        notifications.send(
                "archive",
                "order " + order.id() + " expired by TTL at "
                        + record.approximateCreationDateTime()
                                .map(Object::toString)
                                .orElse("an unknown time"));
    }

    /** Where messages go: email, SNS, a queue... The Lambda entry classes log them. */
    @FunctionalInterface
    public interface Notifications {
        /**
         * Sends one message.
         *
         * @param recipient who it is for
         * @param message what to say
         */
        void send(String recipient, String message);
    }
}
