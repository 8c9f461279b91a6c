package io.github.dynastream.examples.orderaudit;

import java.math.BigDecimal;

/** An item of the Orders table as its writer stores it, for writing test streams. */
record Order(String id, String customerId, String status, BigDecimal total, String note, String updatedBy) {
    static Order placed(String id) {
        return new Order(id, "alice", "PLACED", new BigDecimal("59.90"), null, "web-shop");
    }

    Order withStatus(String status, String by) {
        return new Order(id, customerId, status, total, note, by);
    }

    Order withTotal(String total) {
        return new Order(id, customerId, status, new BigDecimal(total), note, updatedBy);
    }

    Order withNote(String note) {
        return new Order(id, customerId, status, total, note, updatedBy);
    }
}
