package io.github.dynastream.examples.readmodel;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The projection of one customer: the last known state of each of their orders, and from it the
 * number and total of their open orders.
 *
 * <pre>{@code
 * CustomerOrders alice = store.get("alice");
 * alice.openOrders();               // 2
 * alice.openTotal();                // 79.90
 * alice.orders().get("o-1").status();
 * }</pre>
 *
 * <p>The counts are derived from the per-order states, never kept as running sums: applying the
 * same change twice sets an order to the same state twice, so a redelivered record changes nothing.
 * Immutable.
 *
 * @param customerId the customer
 * @param orders order id to the order's last known state, sorted by id
 * @param version how often this projection was written (for optimistic locking in a store)
 */
public record CustomerOrders(String customerId, Map<String, OrderState> orders, long version) {
    public CustomerOrders {
        Objects.requireNonNull(customerId, "customerId");
        orders = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(orders, "orders")));
    }

    /** A customer without orders. */
    public static CustomerOrders empty(String customerId) {
        return new CustomerOrders(customerId, Map.of(), 0);
    }

    /** How many of the orders are open. */
    public int openOrders() {
        return (int) orders.values().stream().filter(OrderState::isOpen).count();
    }

    /** The sum of the open orders' totals. */
    public BigDecimal openTotal() {
        return orders.values().stream()
                .filter(OrderState::isOpen)
                .map(OrderState::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** This projection with the order set to the state (the same version; stores count versions). */
    public CustomerOrders with(String orderId, OrderState state) {
        Map<String, OrderState> copy = new TreeMap<>(orders);
        copy.put(orderId, state);
        return new CustomerOrders(customerId, copy, version);
    }

    /** This projection without the order. */
    public CustomerOrders without(String orderId) {
        Map<String, OrderState> copy = new TreeMap<>(orders);
        copy.remove(orderId);
        return new CustomerOrders(customerId, copy, version);
    }

    /** The same orders with another version. */
    public CustomerOrders withVersion(long version) {
        return new CustomerOrders(customerId, orders, version);
    }

    /**
     * The last known state of one order.
     *
     * @param status its status
     * @param total its total
     */
    public record OrderState(Order.Status status, BigDecimal total) {
        public OrderState {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(total, "total");
        }

        /** The state an order item describes. */
        public static OrderState of(Order order) {
            return new OrderState(order.status(), order.total());
        }

        /** Whether the order is open. */
        public boolean isOpen() {
            return status.isOpen();
        }

        /** Equal totals compare numerically ({@code 20.0} equals {@code 20.00}). */
        @Override
        public boolean equals(Object o) {
            return o instanceof OrderState other && status == other.status && total.compareTo(other.total) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, total.signum() == 0 ? BigDecimal.ZERO : total.stripTrailingZeros());
        }
    }
}
