package io.github.dynastream.examples.readmodel;

import java.math.BigDecimal;

/** Order items for test streams. */
final class Orders {
    private Orders() {}

    static Order order(String id, String customerId, Order.Status status, String total) {
        return new Order(id, Order.TYPE, customerId, status, new BigDecimal(total), null);
    }

    static Order withStatus(Order order, Order.Status status) {
        return new Order(order.id(), order.type(), order.customerId(), status, order.total(), order.note());
    }

    static Order withNote(Order order, String note) {
        return new Order(order.id(), order.type(), order.customerId(), order.status(), order.total(), note);
    }

    static Order withCustomer(Order order, String customerId) {
        return new Order(order.id(), order.type(), customerId, order.status(), order.total(), order.note());
    }

    static CustomerOrders.OrderState state(Order.Status status, String total) {
        return new CustomerOrders.OrderState(status, new BigDecimal(total));
    }
}
